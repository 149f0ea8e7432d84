import { MemorySource } from '../../sources/memory.js';
import type { Occurrence } from '../../model/occurrence.js';
import { scanSource } from '../scan.js';

/** An ApplicationSet of two list generators (teams a and b); `extra` is written under `spec:` after the generators. */
const appset = (secondTemplate: string, extra = '', base = "          valuesObject:\n            image: 'ghcr.io/acme/{{ .team }}-web:{{ .tag }}'\n"): string =>
  [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: ApplicationSet',
    'metadata: {name: teams}',
    'spec:',
    '  goTemplate: true',
    '  generators:',
    '    - list:',
    '        elements:',
    '          - {team: a, tag: "1.0"}',
    '    - list:',
    '        elements:',
    '          - {team: b, tag: "2.0"}',
    '          - {team: c, tag: "3.0"}',
    secondTemplate,
    extra,
    '  template:',
    '    spec:',
    '      source:',
    '        repoURL: https://charts.example',
    '        chart: web',
    '        targetRevision: 1.0.0',
    '        helm:',
    base,
  ].filter((line) => line !== '').join('\n');

/** Each occurrence of the set by line: what each element runs, and whether the line runs nowhere. */
async function scan(text: string, more: Record<string, string> = {}): Promise<{ occurrences: Occurrence[]; runs: Record<number, string[]> }> {
  const inventory = await scanSource(new MemorySource({ 'set.yaml': text, ...more }));
  const occurrences = inventory.occurrences;
  const runs = Object.fromEntries(occurrences.filter((o) => o.file === 'set.yaml').map((o) => [o.parts.image?.span.start.line ?? o.parts.repository?.span.start.line ?? 0, [
    ...(o.effective ?? []).map((e) => `${e.for?.element}: ${e.reference?.canonical ?? `unknown: ${e.unknown}`}`),
    ...(o.decidedElsewhere ? [`not run: ${o.decidedElsewhere}`] : []),
  ]]));
  return { occurrences, runs };
}

const ownTemplate = [
  '        template:',
  '          metadata: {}',
  '          spec:',
  '            source:',
  '              helm:',
  '                valuesObject:',
  "                  image: 'ghcr.io/acme/{{ .team }}-api:{{ .tag }}'",
].join('\n');

test('a generator\'s own template replaces spec.template\'s valuesObject for its elements only; its images are expanded for them', async () => {
  const { runs, occurrences } = await scan(appset(ownTemplate));
  expect(runs).toEqual({
    // The second generator's template (line 20), for its two elements (1 and 2).
    20: ['1: ghcr.io/acme/b-api:2.0', '2: ghcr.io/acme/c-api:3.0'],
    // spec.template's valuesObject (line 29) runs for element 0 only.
    29: ['0: ghcr.io/acme/a-web:1.0'],
  });
  const api = occurrences.find((o) => o.raw.includes('-api'))!;
  expect(api.owner).toMatchObject({ chart: 'web', version: '1.0.0' });
  expect(api.parts.image!.span.start).toMatchObject({ line: 20, col: 27 });
});

test('a plain image every generator\'s template replaces runs nowhere and says so; one kept by spec.template still runs as written', async () => {
  const own = (n: number): string => `        template:\n          spec:\n            source:\n              helm:\n                parameters:\n                  - {name: image.repository, value: ghcr.io/acme/own${n}}\n                  - {name: image.tag, value: "9"}`;
  const text = appset(own(2)).replace("    - list:\n        elements:\n          - {team: a, tag: \"1.0\"}", `    - list:\n        elements:\n          - {team: a, tag: "1.0"}\n${own(1)}`)
    .replace(/ {10}valuesObject:\n.*\n?$/, '          parameters:\n            - {name: image.repository, value: ghcr.io/acme/base}\n            - {name: image.tag, value: "1"}\n');
  const { occurrences } = await scan(text);
  const base = occurrences.find((o) => o.raw === 'ghcr.io/acme/base:1')!;
  expect(base.decidedElsewhere).toBe('no Application that set.yaml makes gets this line: the template of generator 0 (line 11) sets helm.parameters of spec.source; the template of generator 1 (line 22) sets helm.parameters of spec.source');
  expect(occurrences.filter((o) => o.raw.startsWith('ghcr.io/acme/own')).map((o) => [o.raw, o.decidedElsewhere])).toEqual([['ghcr.io/acme/own1:9', undefined], ['ghcr.io/acme/own2:9', undefined]]);
});

test('a generator\'s template that sets path and kustomize.images: its elements are followed over that folder', async () => {
  const own = "        template:\n          spec:\n            source:\n              path: 'apps/{{ .team }}'\n              kustomize:\n                images: ['ghcr.io/acme/app:{{ .tag }}']";
  const files = {
    'apps/b/kustomization.yaml': 'resources: [deploy.yaml]\n',
    'apps/b/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec:\n  template:\n    spec:\n      containers:\n        - {name: app, image: ghcr.io/acme/app:0.1}\n',
  };
  const { occurrences } = await scan(appset(own), files);
  const deploy = occurrences.find((o) => o.file === 'apps/b/deploy.yaml')!;
  expect(deploy.effective!.map((e) => [e.for?.element, e.reference?.canonical, e.provenance.map((p) => `${p.kind} ${p.file}:${p.line}`)])).toEqual([
    [1, 'ghcr.io/acme/app:2.0', ['kustomize-images set.yaml:19']],
  ]);
});

const patch = (body: string): string => `  templatePatch: |\n${body.split('\n').map((l) => `    ${l}`).join('\n')}`;

test('spec.templatePatch: its valuesObject is what every element gets, over spec.template\'s helm.values; positions inside the string', async () => {
  const text = appset('', patch("spec:\n  source:\n    helm:\n      valuesObject:\n        image: ghcr.io/acme/{{ .team }}-patched:{{ .tag }}"), "          values: |\n            image: ghcr.io/acme/plain:1.0\n");
  const { runs } = await scan(text);
  expect(runs).toEqual({
    19: ['0: ghcr.io/acme/a-patched:1.0', '1: ghcr.io/acme/b-patched:2.0', '2: ghcr.io/acme/c-patched:3.0'],
    28: ['not run: no Application that set.yaml makes gets this line: spec.templatePatch (line 14) sets helm.valuesObject, which Argo CD uses instead of helm.values'],
  });
});

test('spec.templatePatch that cannot be applied is unknown for every element, with the reason; one that sets no source changes nothing', async () => {
  const guarded = patch("spec:\n{{- if .big }}\n  source:\n    helm:\n      parameters: [{name: image.tag, value: '9'}]\n{{- end }}");
  expect((await scan(appset('', guarded))).runs[29]).toEqual([0, 1, 2].map((i) => `${i}: unknown: spec.templatePatch (line 14) sets a source with {{- if .big }}, which imagepin does not evaluate, so what each Application gets from it is not known`));
  const over = patch('spec:\n  source:\n    helm:\n      valuesObject:\n        image: {tag: "2"}');
  expect((await scan(appset('', over))).runs[28]).toEqual([0, 1, 2].map((i) => `${i}: unknown: spec.templatePatch (line 14) sets helm.valuesObject over the one spec.template sets, which Argo CD's strategic merge cannot merge into (argo-cd issue 22850: it stops with an error on a key both set), so what runs is not known`));
  const sync = patch('{{- if .auto }}\nspec:\n  syncPolicy: {automated: {}}\n{{- end }}');
  expect((await scan(appset('', sync))).runs[27]).toEqual(['0: ghcr.io/acme/a-web:1.0', '1: ghcr.io/acme/b-web:2.0', '2: ghcr.io/acme/c-web:3.0']);
});

test('odd templates never throw: a null template or spec, a scalar source, empty and null parts, a patch that removes sources or is not a map', async () => {
  const odd = [
    '        template: null',
    '        template: {spec: null}',
    '        template: {spec: {source: "text"}}',
    '        template:\n          spec:\n            sources: []\n            source: {helm: null, kustomize: {images: null}}',
  ];
  for (const own of odd) {
    const { runs } = await scan(appset(own));
    // None of them writes a source part (mergo fills an empty or null field from spec.template): spec.template's image runs for all.
    expect(Object.values(runs)).toEqual([['0: ghcr.io/acme/a-web:1.0', '1: ghcr.io/acme/b-web:2.0', '2: ghcr.io/acme/c-web:3.0']]);
  }
  expect((await scan(appset('', patch('spec: [1, 2]\n# sources: none')))).runs[25]).toEqual([0, 1, 2].map((i) => `${i}: unknown: spec.templatePatch (line 14) has a spec that is not a map, and Argo CD stops with an error`));
  const removed = await scan(appset('', patch('spec:\n  source: null\n  sources:\n    - repoURL: https://charts.example\n      chart: web\n      helm: {parameters: [{name: image.repository, value: ghcr.io/acme/other}, {name: image.tag, value: "5"}]}')));
  expect(Object.values(removed.runs)).toEqual([
    [],
    ['not run: no Application that set.yaml makes gets this line: spec.templatePatch (line 14) sets spec.sources, which Argo CD uses instead of spec.source'],
  ]);
});

test('a templatePatch kustomize.images entry is expanded for every element; a generator\'s helm.values runs for its elements, and nowhere under spec.template\'s valuesObject', async () => {
  const own = "        template:\n          spec:\n            source:\n              helm:\n                values: |\n                  image: ghcr.io/acme/{{ .team }}-values:{{ .tag }}";
  const images = patch("spec:\n  source:\n    kustomize:\n      images: ['ghcr.io/acme/{{ .team }}-kimg:{{ .tag }}']");
  const { runs } = await scan(appset(own, images));
  expect(runs).toEqual({
    // The second generator's helm.values does not replace spec.template's valuesObject: Argo CD uses the valuesObject.
    19: ['not run: no Application that set.yaml makes gets this line: spec.template sets helm.valuesObject, which Argo CD uses instead of helm.values'],
    24: ['0: ghcr.io/acme/a-kimg:1.0', '1: ghcr.io/acme/b-kimg:2.0', '2: ghcr.io/acme/c-kimg:3.0'],
    33: ['0: ghcr.io/acme/a-web:1.0', '1: ghcr.io/acme/b-web:2.0', '2: ghcr.io/acme/c-web:3.0'],
  });
  // Without a valuesObject in spec.template, the generator's helm.values is what its elements get.
  const plain = await scan(appset(own, '', "          parameters:\n            - {name: replicas, value: '2'}\n"));
  expect(plain.runs).toEqual({ 19: ['1: ghcr.io/acme/b-values:2.0', '2: ghcr.io/acme/c-values:3.0'] });
});
