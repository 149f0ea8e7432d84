import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';

// Decision 0071, through the CLI: Crossplane packages are images, and a chart template's image line that is not YAML alone is still reported.
const TREE: Record<string, string> = {
  'platform/functions.yaml': 'apiVersion: pkg.crossplane.io/v1\nkind: Function\nmetadata:\n  name: fn-a\nspec:\n  package: xpkg.example.io/acme/fn-a:v0.1.0\n  packagePullPolicy: IfNotPresent\n---\napiVersion: pkg.crossplane.io/v1\nkind: Function\nmetadata:\n  name: fn-b\nspec:\n  package: xpkg.example.io/acme/fn-b:latest\n',
  'platform/configuration.yaml': 'apiVersion: pkg.crossplane.io/v1\nkind: Configuration\nmetadata:\n  name: apis\nspec:\n  package: xpkg.example.io/acme/apis:latest\n',
  'charts/scanner/Chart.yaml': 'apiVersion: v2\nname: scanner\nversion: 0.1.0\n',
  'charts/scanner/templates/deployment.yaml': [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: {{ .Release.Name }}', 'spec:', '  template:', '    spec:', '      containers:',
    '        - name: scanner', '          image: "{{ .Values.registry | default "docker.io" }}/{{ .Values.repo }}:{{ .Values.tag }}"',
    '        - name: probe', '          image: "ghcr.io/acme/probe:0.3', '',
  ].join('\n'),
};

interface Json {
  occurrences: { file: string; line: number; raw: string; skipReason?: string; workload?: { kind: string; name?: string }; pullPolicy?: string }[];
  findings: { ruleId: string; file: string; lines: number[]; message: string }[];
  diagnostics: { file: string; code: string; line?: number; message: string }[];
}

test('imagepin scan reports Crossplane packages and a chart template line with nested quotes, and names the image line it could not read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'imagepin-0071-'));
  for (const [file, text] of Object.entries(TREE)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  let stdout = '';
  const code = await main(['scan', dir, '--offline', '--format', 'json'], { stdout: (t) => (stdout += t), stderr: (t) => (stdout += t), isTTY: false }, {});
  rmSync(dir, { recursive: true, force: true });
  expect(code).not.toBe(2);
  const json = JSON.parse(stdout) as Json;
  expect(json.occurrences.map((o) => [o.file, o.line, o.raw, o.skipReason, o.workload && `${o.workload.kind} ${o.workload.name}`])).toEqual([
    ['charts/scanner/templates/deployment.yaml', 10, '{{ .Values.registry | default "docker.io" }}/{{ .Values.repo }}:{{ .Values.tag }}', 'templated', undefined],
    ['platform/configuration.yaml', 6, 'xpkg.example.io/acme/apis:latest', undefined, 'Configuration apis'],
    ['platform/functions.yaml', 6, 'xpkg.example.io/acme/fn-a:v0.1.0', undefined, 'Function fn-a'],
    ['platform/functions.yaml', 14, 'xpkg.example.io/acme/fn-b:latest', undefined, 'Function fn-b'],
  ]);
  const findings = json.findings.map((f) => [f.ruleId, f.file, f.lines[0]]);
  expect(findings).toContainEqual(['unresolvable-template', 'charts/scanner/templates/deployment.yaml', 10]);
  expect(findings).toContainEqual(['unpinned-digest', 'platform/functions.yaml', 6]);
  // A Configuration runs on no node: its floating tag says what does move, and no pull-policy skew is claimed.
  const configuration = json.findings.filter((f) => f.file === 'platform/configuration.yaml');
  expect(configuration.map((f) => f.ruleId)).toEqual(['floating-tag']);
  expect(configuration[0]?.message).toContain('any push to it changes what is pulled, and Crossplane installs a new build when it pulls the package again;');
  // A Function's package runs as its Deployment's image, pulled IfNotPresent unless packagePullPolicy says otherwise, `latest` too.
  const skew = json.findings.find((f) => f.ruleId === 'pull-policy-skew' && f.file === 'platform/functions.yaml');
  expect(skew?.message).toMatch(/^`xpkg.example.io\/acme\/fn-b:latest` is mutable and pulled with no packagePullPolicy \(so IfNotPresent, Crossplane's default\)/);
  expect(json.diagnostics.map((d) => [d.file, d.code, d.line])).toEqual([
    ['charts/scanner/templates/deployment.yaml', 'template', 10],
    ['charts/scanner/templates/deployment.yaml', 'template', 12],
  ]);
  expect(json.diagnostics[1]?.message).toMatch(/^image line not read: `image: "ghcr.io\/acme\/probe:0.3` is not YAML even on its own/);
});
