import { fileURLToPath } from 'node:url';
import { main } from '../../cli/main.js';
import { MemorySource } from '../../sources/memory.js';
import type { Inventory } from '../scan.js';
import { scanSource } from '../scan.js';

/** A chart that ships its identity server switched off, and a setup job switched off too. */
const chart = 'auth:\n  enabled: false\n  image:\n    repository: quay.io/example/auth-server\n    tag: 24.0.1\nsetup:\n  enabled: false\n  image: ghcr.io/example/auth-setup:1.4.0\n';
const server = 'quay.io/example/auth-server:24.0.1';
const setup = 'ghcr.io/example/auth-setup:1.4.0';

const found = (inventory: Inventory, raw: string) => ({
  notes: inventory.occurrences.filter((o) => o.raw === raw).map((o) => o.notes ?? []),
  notices: (inventory.notFollowed ?? []).filter((n) => n.code === 'disabled-in-values' && n.file === 'charts/auth/values.yaml').map((n) => n.field),
});

/** An ApplicationSet over clusters (outside the tree) and a list of charts, each cluster's environment file layered over the chart's values. */
const appSet = (valueFile: string, list = '              - chart: auth\n'): string => `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: platform
spec:
  goTemplate: true
  generators:
    - matrix:
        generators:
          - clusters:
              selector:
                matchLabels:
                  tier: platform
          - list:
              elements:
${list}  template:
    metadata:
      name: '{{.chart}}-{{.name}}'
    spec:
      project: default
      sources:
        - repoURL: https://github.com/example/platform.git
          path: 'charts/{{.chart}}'
          helm:
            valueFiles:
              - values.yaml
              - '${valueFile}'
        - repoURL: https://github.com/example/platform.git
          targetRevision: main
          ref: values
      destination:
        server: '{{.server}}'
        namespace: auth
`;

const tree = (valueFile: string, envs: Record<string, string>, list?: string): Record<string, string> => ({
  'argocd/platform.yaml': appSet(valueFile, list),
  'charts/auth/values.yaml': chart,
  ...Object.fromEntries(Object.entries(envs).map(([env, text]) => [`envs/${env}/values.yaml`, text])),
});

test('an ApplicationSet whose templated environment file enables the chart for one environment: checked, with that file named', async () => {
  const inventory = await scanSource(new MemorySource(tree('$values/envs/{{.metadata.labels.env}}/values.yaml', {
    edge: 'replicas: 1\n',
    hub: 'auth:\n  enabled: true\n',
  })));
  const { notes, notices } = found(inventory, server);
  expect(notices).toEqual(['setup.enabled']);
  expect(notes).toHaveLength(1);
  expect(notes[0]![0]).toContain('envs/hub/values.yaml (a values file of argocd/platform.yaml) sets auth.enabled to true (line 2)');
  expect(notes[0]![0]).toContain('in an Application that ApplicationSet argocd/platform.yaml (its source at line 23) can make with $values/envs/hub/values.yaml (its templated entries matched against the tree\'s files, decision 72)');
  expect(notes[0]![0]).not.toContain('envs/edge');
  // The setup job stays off: no environment file writes setup.enabled.
  expect(found(inventory, setup).notes).toEqual([]);
});

test('no environment file enables it: both stay notices', async () => {
  const inventory = await scanSource(new MemorySource(tree('$values/envs/{{.metadata.labels.env}}/values.yaml', { edge: 'replicas: 1\n', hub: 'auth:\n  enabled: false\n' })));
  expect(found(inventory, server)).toEqual({ notes: [], notices: ['auth.enabled', 'setup.enabled'] });
});

test('a templated value file that names no file of the tree is a layer imagepin cannot read: checked', async () => {
  const inventory = await scanSource(new MemorySource(tree('$values/clusters/{{.name}}.yaml', { hub: 'auth:\n  enabled: true\n' })));
  const { notes, notices } = found(inventory, server);
  expect(notices).toEqual([]);
  expect(notes[0]![0]).toContain('auth.enabled may be set by a layer imagepin cannot read');
  expect(notes[0]![0]).toContain('($values/clusters/{{.name}}.yaml stays templated and names no file of the tree, decision 72)');
  expect(found(inventory, setup).notes).toHaveLength(1);
});

test('without the tree\'s whole listing, a templated value file may name a file imagepin does not have: checked', async () => {
  const source = Object.assign(new MemorySource(tree('$values/envs/{{.metadata.labels.env}}/values.yaml', { edge: 'replicas: 1\n' })), { tree: async () => undefined });
  const { notes, notices } = found(await scanSource(source), server);
  expect(notices).toEqual([]);
  expect(notes[0]![0]).toContain('stays templated and may name a file imagepin does not have: imagepin has only some files of');
});

test('the list names another chart only: the chart\'s image keeps its notice; a path left templated names any chart', async () => {
  const other = await scanSource(new MemorySource(tree('$values/envs/{{.metadata.labels.env}}/values.yaml', { hub: 'auth:\n  enabled: true\n' }, '              - chart: billing\n')));
  expect(found(other, server)).toEqual({ notes: [], notices: ['auth.enabled', 'setup.enabled'] });
  const any = await scanSource(new MemorySource(tree('$values/envs/{{.metadata.labels.env}}/values.yaml', { hub: 'auth:\n  enabled: true\n' }, '              - chart: "{{.metadata.labels.chart}}"\n')));
  expect(found(any, server).notes[0]![0]).toContain('path charts/auth');
});

test('a helm.parameters name left templated may set any key; a value file outside the folder of a templated path can be the file: checked', async () => {
  const params = tree('$values/envs/{{.metadata.labels.env}}/values.yaml', { edge: 'replicas: 1\n' }, '              - chart: auth\n                toggle: auth.enabled\n');
  params['argocd/platform.yaml'] = params['argocd/platform.yaml']!.replace('              - values.yaml\n', '              - values.yaml\n            parameters:\n              - name: \'{{.metadata.labels.toggle}}\'\n                value: "true"\n');
  expect(found(await scanSource(new MemorySource(params)), server).notes[0]![0]).toContain('helm.parameters entry {{.metadata.labels.toggle}} of ApplicationSet argocd/platform.yaml');
  const shared = tree('../shared/values-{{.name}}.yaml', {}, '              - chart: "{{.metadata.labels.chart}}"\n');
  shared['charts/shared/values-hub.yaml'] = chart;
  const inventory = await scanSource(new MemorySource(shared));
  const notes = inventory.occurrences.filter((o) => o.raw === server && o.file === 'charts/shared/values-hub.yaml').map((o) => o.notes?.[0]);
  expect(notes[0]).toContain('its path charts/{{.metadata.labels.chart}} stays templated and a values file outside the folder it names can be charts/shared/values-hub.yaml');
});

test('a plain Application with the same layers still decides it (decision 64)', async () => {
  const app = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: auth-hub\nspec:\n  sources:\n    - repoURL: https://github.com/example/platform.git\n      path: charts/auth\n      helm:\n        valueFiles: [values.yaml, $values/envs/hub/values.yaml]\n    - repoURL: https://github.com/example/platform.git\n      ref: values\n  destination:\n    namespace: auth\n';
  const inventory = await scanSource(new MemorySource({ 'argocd/auth-hub.yaml': app, 'charts/auth/values.yaml': chart, 'envs/hub/values.yaml': 'auth:\n  enabled: true\n' }));
  expect(found(inventory, server).notices).toEqual(['setup.enabled']);
  expect(found(inventory, server).notes[0]![0]).toContain('envs/hub/values.yaml (a values file of argocd/auth-hub.yaml) sets auth.enabled to true (line 2)');
});

test('scan (CLI, JSON) of a tree in that shape: the enabled server is an occurrence with the note, the setup job a notice', async () => {
  const fixture = fileURLToPath(new URL('__fixtures__/appset-envs', import.meta.url));
  let stdout = '';
  const code = await main(['scan', fixture, '--offline', '--format', 'json'], { stdout: (t) => (stdout += t), stderr: () => undefined, isTTY: false }, {});
  expect(code).toBe(0);
  const doc = JSON.parse(stdout) as { occurrences: { file: string; line: number; reference: { canonical: string }; notes?: string[] }[]; notFollowed: { code: string; field: string }[] };
  expect(doc.occurrences.map((o) => [o.file, o.line, o.reference.canonical])).toEqual([['charts/auth/values.yaml', 5, server]]);
  expect(doc.occurrences[0]!.notes?.[0]).toContain('envs/hub/values.yaml (a values file of argocd/platform.yaml) sets auth.enabled to true (line 3)');
  expect(doc.notFollowed.filter((n) => n.code === 'disabled-in-values').map((n) => n.field)).toEqual(['setup.enabled']);
});
