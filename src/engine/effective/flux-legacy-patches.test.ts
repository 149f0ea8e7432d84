import { MemorySource } from '../../sources/memory.js';
import type { Occurrence } from '../../model/occurrence.js';
import { scanSource } from '../scan.js';

const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: queue\nspec:\n  template:\n    spec:\n      initContainers:\n        - name: migrate\n          image: ghcr.io/example/migrate:1.0\n      containers:\n        - name: queue\n          image: ghcr.io/example/queue:1.0\n';

const runs = (o: Occurrence | undefined): string[] => (o?.effective ?? []).map((e) => `${e.for?.file} => ${e.reference?.canonical ?? `unknown: ${e.unknown}`}${e.provenance.map((p) => ` | ${p.kind} ${p.file}:${p.line}`).join('')}`);
const place = (o: Occurrence): string => `${o.file}:${o.parts.image?.span.start.line}:${o.parts.image?.span.start.col}`;

// Flux v1beta2 writes these patches as YAML objects (not strings): a strategic-merge object, and RFC 6902 ops as a list.
const legacy = [
  'apiVersion: kustomize.toolkit.fluxcd.io/v1beta2',
  'kind: Kustomization',
  'metadata:',
  '  name: queue',
  'spec:',
  '  path: ./queue',
  '  patchesJson6902:',
  '    - target: {kind: Deployment, name: queue}',
  '      patch:',
  '        - op: replace',
  '          path: /spec/template/spec/containers/0/image',
  '          value: ghcr.io/example/queue:3.0',
  '  patchesStrategicMerge:',
  '    - apiVersion: apps/v1',
  '      kind: Deployment',
  '      metadata: {name: queue}',
  '      spec:',
  '        template:',
  '          spec:',
  '            initContainers:',
  '              - name: migrate',
  '                image: ghcr.io/example/migrate:2.0',
  '            containers:',
  '              - name: queue',
  '                image: ghcr.io/example/queue:2.0',
  '',
].join('\n');

test('Flux v1beta2 patchesStrategicMerge and patchesJson6902: images where written, run in the order of the kustomization Flux generates', async () => {
  const inventory = await scanSource(new MemorySource({ 'queue/deploy.yaml': deploy, 'clusters/queue.yaml': legacy }));
  expect(inventory.diagnostics).toEqual([]);
  const byPlace = new Map(inventory.occurrences.map((o) => [place(o), o]));
  expect(byPlace.get('clusters/queue.yaml:12:18')).toMatchObject({ format: 'flux', raw: 'ghcr.io/example/queue:3.0', path: ['spec', 'patchesJson6902', 0, 'patch', 0, 'value'] });
  expect(byPlace.get('clusters/queue.yaml:22:24')).toMatchObject({ format: 'flux', raw: 'ghcr.io/example/migrate:2.0', path: ['spec', 'patchesStrategicMerge', 0, 'spec', 'template', 'spec', 'initContainers', 0, 'image'], workload: { container: 'migrate' } });
  expect(byPlace.get('clusters/queue.yaml:25:24')?.notes?.[0]).toMatch(/^written in a patch/);
  // Strategic merge first, then RFC 6902 (kustomize's order), whatever order the spec writes them in.
  expect(runs(byPlace.get('queue/deploy.yaml:13:18'))).toEqual(['clusters/queue.yaml => ghcr.io/example/queue:3.0 | flux-patch clusters/queue.yaml:25 | flux-patch clusters/queue.yaml:12']);
  expect(runs(byPlace.get('queue/deploy.yaml:10:18'))).toEqual(['clusters/queue.yaml => ghcr.io/example/migrate:2.0 | flux-patch clusters/queue.yaml:22']);
  expect(inventory.occurrences.filter((o) => o.file === 'queue/deploy.yaml').map((o) => Boolean(o.decidedElsewhere))).toEqual([true, true]);
});

test('odd Flux v1beta2 patch shapes set nothing and never throw', async () => {
  const odd = [
    'patchesStrategicMerge: 5', 'patchesStrategicMerge: [null, [], {kind: Deployment}, "not a patch"]',
    'patchesJson6902: [{patch: {op: replace}}, {target: {name: queue}, patch: [null, {op: add, path: 9}]}, {patch: "- op: replace"}]',
  ];
  for (const text of odd) {
    const inventory = await scanSource(new MemorySource({ 'queue/deploy.yaml': deploy, 'clusters/queue.yaml': `apiVersion: kustomize.toolkit.fluxcd.io/v1beta2\nkind: Kustomization\nmetadata: {name: queue}\nspec:\n  path: ./queue\n  ${text}\n` }));
    expect(inventory.diagnostics).toEqual([]);
    expect(inventory.occurrences.map((o) => [o.file, o.raw, o.effective])).toEqual([['queue/deploy.yaml', 'ghcr.io/example/migrate:1.0', undefined], ['queue/deploy.yaml', 'ghcr.io/example/queue:1.0', undefined]]);
  }
});
