import { MemorySource } from '../../sources/memory.js';
import type { Occurrence } from '../../model/occurrence.js';
import { scanSource } from '../scan.js';
import { ASSUMED } from './source-repo.js';

const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ledger\nspec:\n  template:\n    spec:\n      containers:\n        - name: ledger\n          image: ghcr.io/example/ledger:1.0.0\n';
const app = (repoURL: string, rest: string): string =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ledger\nspec:\n  source:\n    repoURL: ${repoURL}\n${rest}`;
const kustomized = (repoURL: string): Record<string, string> => ({
  'apps/ledger/deploy.yaml': deploy,
  'apps/ledger/kustomization.yaml': 'resources: [deploy.yaml]\n',
  'argo/ledger.yaml': app(repoURL, '    path: apps/ledger\n    kustomize:\n      images: [ghcr.io/example/ledger:2.0.0]\n'),
});
const ledger = (occurrences: Occurrence[], file: string): Occurrence => occurrences.find((o) => o.file === file)!;

test('an Application whose git source is another repository is not applied over the folder of the same path here', async () => {
  const inventory = await scanSource(new MemorySource(kustomized('git@github.com:example/platform.git')), { repository: 'example/deploy' });
  const base = ledger(inventory.occurrences, 'apps/ledger/deploy.yaml');
  expect(base.effective ?? []).toEqual([]);
  expect(base.decidedElsewhere).toBeUndefined();
  expect(inventory.notFollowed?.map((n) => `${n.code} ${n.file}:${n.span.start.line}:${n.span.start.col} ${n.repository}`)).toEqual(['other-repository argo/ledger.yaml:7:14 example/platform']);
});

test('the same Application on this repository is applied, and says it assumed so only where the repository is not known', async () => {
  const known = await scanSource(new MemorySource(kustomized('https://github.com/Example/Deploy.git')), { repository: 'example/deploy' });
  const mine = ledger(known.occurrences, 'apps/ledger/deploy.yaml').effective!;
  expect(mine.map((e) => e.reference?.canonical)).toEqual(['ghcr.io/example/ledger:2.0.0']);
  expect(mine[0]!.provenance[0]!.detail).not.toContain(ASSUMED);
  const unknown = await scanSource(new MemorySource(kustomized('https://github.com/example/platform')));
  const assumed = ledger(unknown.occurrences, 'apps/ledger/deploy.yaml').effective!;
  expect(assumed.map((e) => e.reference?.canonical)).toEqual(['ghcr.io/example/ledger:2.0.0']);
  expect(assumed[0]!.provenance[0]!.detail).toBe(`images entry name ghcr.io/example/ledger sets newTag 2.0.0 ${ASSUMED}`);
  expect(unknown.notFollowed).toEqual([]);
});

const values = 'image:\n  repository: ghcr.io/example/ledger\n  tag: 1.0.0\n';
const prod = 'image:\n  tag: 2.0.0\n';

test("an Application's value files in another repository are not layered over this tree's folder of the same path", async () => {
  const files = { 'charts/ledger/values.yaml': values, 'charts/ledger/values-prod.yaml': prod, 'argo/ledger.yaml': app('https://gitlab.com/example/platform', '    path: charts/ledger\n    helm:\n      valueFiles: [values-prod.yaml]\n') };
  const other = await scanSource(new MemorySource(files), { repository: 'example/deploy' });
  expect(other.occurrences.filter((o) => o.file.startsWith('charts/')).flatMap((o) => o.effective ?? [])).toEqual([]);
  const same = await scanSource(new MemorySource(files), { repository: 'example/platform' });
  const runs = ledger(same.occurrences, 'charts/ledger/values.yaml').effective!;
  expect(runs.map((e) => e.reference?.canonical)).toEqual(['ghcr.io/example/ledger:2.0.0']);
  expect(runs[0]!.provenance[0]!.detail).toBe('charts/ledger/values-prod.yaml sets image.tag to 2.0.0 (a later valueFiles entry of argo/ledger.yaml)');
  const unknown = await scanSource(new MemorySource(files));
  expect(ledger(unknown.occurrences, 'charts/ledger/values.yaml').effective![0]!.provenance[0]!.detail).toContain(ASSUMED);
});

test('a $ref value file of this repository still layers; one of another repository makes what follows it unknown, saying why', async () => {
  const sources = [
    'spec:', '  sources:',
    '    - repoURL: https://charts.example.com', '      chart: ledger', '      targetRevision: 1.2.3',
    '      helm:', '        valueFiles: [$mine/envs/ledger/values.yaml, $theirs/envs/ledger/values.yaml]',
    '    - repoURL: https://github.com/example/deploy', '      ref: mine',
    '    - repoURL: https://github.com/example/platform', '      ref: theirs', '',
  ].join('\n');
  const files = { 'envs/ledger/values.yaml': values, 'argo/ledger.yaml': `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ledger\n${sources}` };
  const inventory = await scanSource(new MemorySource(files), { repository: 'example/deploy' });
  const runs = ledger(inventory.occurrences, 'envs/ledger/values.yaml').effective!;
  expect(runs.map((e) => e.unknown)).toEqual(['not every values file of argo/ledger.yaml is in the tree: valueFiles entry $theirs/envs/ledger/values.yaml (argo/ledger.yaml line 11) is in https://github.com/example/platform, which is not this repository (example/deploy); imagepin did not read it']);
});

test("an ApplicationSet element's repoURL, filled from its parameters, decides for that element alone", async () => {
  const set = [
    'apiVersion: argoproj.io/v1alpha1', 'kind: ApplicationSet', 'metadata:', '  name: ledgers', 'spec:', '  goTemplate: true',
    '  generators:', '    - list:', '        elements:', '          - repo: deploy', '          - repo: platform',
    '  template:', "    metadata: {name: 'ledger-{{ .repo }}'}", '    spec:', '      source:',
    "        repoURL: 'https://github.com/example/{{ .repo }}'", '        path: apps/ledger', '        kustomize:', '          images: [ghcr.io/example/ledger:2.0.0]', '',
  ].join('\n');
  const files = { ...kustomized('https://github.com/example/deploy'), 'argo/ledger.yaml': set };
  const inventory = await scanSource(new MemorySource(files), { repository: 'example/deploy' });
  const runs = ledger(inventory.occurrences, 'apps/ledger/deploy.yaml').effective!;
  expect(runs.map((e) => `${e.for?.kind} ${e.for?.element} ${e.reference?.canonical}`)).toEqual(['applicationset-element 0 ghcr.io/example/ledger:2.0.0']);
});
