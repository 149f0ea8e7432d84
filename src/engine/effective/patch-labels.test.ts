import { MemorySource } from '../../sources/memory.js';
import type { Occurrence } from '../../model/occurrence.js';
import { scanSource } from '../scan.js';

// Labels a patch writes are seen by the selectors of the patches after it (decision 0052).

const runs = (o: Occurrence | undefined): string[] => (o?.effective ?? []).map((e) => `${e.for?.file} => ${e.reference?.canonical ?? `unknown: ${e.unknown}`}`);
const deploy = (labels: string): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n${labels}spec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/example/web:1.0.0\n`;
const label = (op: string): string => `  - target: {kind: Deployment, name: web}\n    patch: |\n      - ${op}\n`;
const image = (selector: string): string => `  - target: {labelSelector: "${selector}"}\n    patch: |\n      - op: replace\n        path: /spec/template/spec/containers/0/image\n        value: ghcr.io/example/web:2.0.0\n`;

async function runOf(kustomization: string, labels = ''): Promise<string[]> {
  const files = { 'web/base/deploy.yaml': deploy(labels), 'web/base/kustomization.yaml': 'resources: [deploy.yaml]\n', 'web/prod/kustomization.yaml': `resources: [../base]\n${kustomization}` };
  return runs((await scanSource(new MemorySource(files))).occurrences.find((o) => o.file === 'web/base/deploy.yaml'));
}

const ADD = '{op: add, path: /metadata/labels/tier, value: edge}';
const SELECTED = ['web/prod/kustomization.yaml => ghcr.io/example/web:2.0.0'];

test('a label a selecting patch adds is seen by later patches, not by earlier ones', async () => {
  expect(await runOf(`patches:\n${label(ADD)}${image('tier=edge')}`)).toEqual(SELECTED);
  expect(await runOf(`patches:\n${image('tier=edge')}${label(ADD)}`)).toEqual([]);
  // A patch that writes the label on another object changes nothing here.
  expect(await runOf(`patches:\n${label(ADD).replace('name: web', 'name: api')}${image('tier=edge')}`)).toEqual([]);
  // Removed: the label the base writes is gone for the patches after.
  expect(await runOf(`patches:\n${label('{op: remove, path: /metadata/labels/tier}')}${image('tier=edge')}`, '  labels: {tier: edge}\n')).toEqual([]);
});

test('a strategic-merge patch writes labels by its own kind and name; patchesJson6902 see them after commonLabels', async () => {
  const smp = 'patches:\n  - patch: |\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: web\n        labels: {tier: edge}\n';
  expect(await runOf(`${smp}${image('tier=edge')}`)).toEqual(SELECTED);
  // commonLabels run after `patches` and override what they wrote; patchesJson6902 run after both.
  expect(await runOf(`${smp}commonLabels: {tier: core}\npatchesJson6902:\n${image('tier=core')}`)).toEqual(SELECTED);
  expect(await runOf(`${smp}commonLabels: {tier: core}\npatchesJson6902:\n${image('tier=edge')}`)).toEqual([]);
});

test('labels a patch writes that imagepin cannot read make a later selector unknown, with where', async () => {
  expect(await runOf(`patches:\n${label('{op: replace, path: /metadata/labels, value: {tier: edge}}')}${image('tier=edge')}`)).toEqual([
    'web/prod/kustomization.yaml => unknown: web/prod/kustomization.yaml line 6: the patch target selects by labelSelector tier=edge, and the patch at web/prod/kustomization.yaml line 3 writes its labels as a whole (replace /metadata/labels)',
  ]);
  // Whether the label-writing patch selects the object is itself not known: so are the labels after it.
  expect(await runOf(`patches:\n${label(ADD).replace('name: web', 'name: "(?i)web"')}${image('tier=edge')}`)).toEqual([
    expect.stringMatching(/line 6: the patch target selects by labelSelector tier=edge, and the patch at web\/prod\/kustomization\.yaml line 3 writes labels or annotations, and whether it selects the object is not known \(the patch target's name \(\?i\)web uses regular-expression syntax/),
  ]);
});
