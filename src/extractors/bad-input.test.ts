import { extractFile } from './index.js';

const codes = (text: string, file = 'deploy.yaml'): string[] => extractFile(file, text).diagnostics.map((d) => d.code);

function billionLaughs(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  }
  return `${lines.join('\n')}\nimage: nginx:1.27\n`;
}

test('invalid YAML is a diagnostic with its line, and the other documents are still read', () => {
  const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: nginx:1.27\n---\nkey: [unclosed\nother: 1\n---\napiVersion: v1\nkind: Pod\nspec: {containers: [{image: redis:7.4}]}\n';
  const result = extractFile('pods.yaml', text);
  expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'invalid-yaml', line: 8, document: 1 })]);
  expect(result.diagnostics[0]?.message).toMatch(/^invalid YAML: /);
  expect(result.occurrences.map((o) => o.reference?.canonical)).toEqual(['docker.io/library/nginx:1.27', 'docker.io/library/redis:7.4']);
});

test('an alias bomb is skipped quickly with its expansion size, not expanded', () => {
  const result = extractFile('values.yaml', billionLaughs());
  expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'too-many-aliases' })]);
  expect(result.diagnostics[0]?.message).toMatch(/expands to \d{10} nodes/);
  expect(result.occurrences).toEqual([]);
});

test('ordinary aliases and merge keys are fine', () => {
  const text = 'base: &base {repository: ghcr.io/acme/a, tag: "1"}\nweb:\n  image: *base\nworker:\n  image:\n    <<: *base\n    tag: "2"\n';
  const result = extractFile('values.yaml', text);
  expect(result.diagnostics).toEqual([]);
  expect(result.occurrences.map((o) => [o.raw, o.parts.repository?.span.start.line, o.parts.tag?.span.start.line])).toEqual([
    ['ghcr.io/acme/a:1', 1, 1],
    ['ghcr.io/acme/a:2', 1, 7],
  ]);
});

test('nesting too deep for the parser is a diagnostic, not a stack overflow', () => {
  expect(codes(`x: ${'['.repeat(20000)}${']'.repeat(20000)}`)).toEqual(['too-deep']);
  expect(codes(`x: ${'{a: '.repeat(300)}1${'}'.repeat(300)}`, 'values.yaml')).toEqual(['too-deep']);
});

test('Go templates: chart templates and YAML that parses only with its {{ }} set aside are read line-tolerantly', () => {
  const template = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n{{- if .Values.extra }}\n{{- end }}\n';
  const chart = extractFile('charts/api/templates/deployment.yaml', template);
  expect([chart.diagnostics, chart.occurrences.map((o) => [o.raw, o.skipReason])]).toEqual([[], [['{{ .Values.image.repository }}:{{ .Values.image.tag }}', 'templated']]]);
  const helmfile = 'releases:\n{{ range .Values.apps }}\n  - name: {{ . }}\n    values:\n      - image: {repository: ghcr.io/acme/app, tag: "1.0"}\n{{ end }}\n';
  const result = extractFile('helmfile.yaml', helmfile);
  expect(result.diagnostics).toEqual([]);
  expect(result.occurrences.map((o) => [o.reference?.canonical, o.parts.repository?.span.start.line])).toEqual([['ghcr.io/acme/app:1.0', 5]]);
});

test('templated values inside valid YAML are occurrences marked templated, not guesses', () => {
  const text = 'image:\n  repository: "{{ .Values.registry }}/app"\n  tag: v1\nsidecar:\n  image: ghcr.io/acme/sidecar:${TAG}\n';
  const result = extractFile('values.yaml', text);
  expect(result.occurrences.map((o) => [o.raw, o.skipReason, o.reference])).toEqual([
    ['{{ .Values.registry }}/app:v1', 'templated', undefined],
    ['ghcr.io/acme/sidecar:${TAG}', 'templated', undefined],
  ]);
});

test('empty files, comment-only files and scalar documents yield nothing and no diagnostics', () => {
  for (const text of ['', '# only a comment\n', '---\n---\n', 'just a string\n', '42\n']) {
    const result = extractFile('values.yaml', text);
    expect([result.occurrences, result.diagnostics]).toEqual([[], []]);
  }
});
