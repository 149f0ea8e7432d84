import { MemorySource } from '../../sources/memory.js';
import type { Occurrence } from '../../model/occurrence.js';
import { checkedWhereDecided, runsOf } from '../../rules/effective-runs.js';
import { scanSource } from '../scan.js';

const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ledger\nspec:\n  template:\n    spec:\n      containers:\n        - name: ledger\n          image: ghcr.io/example/ledger:1.0.0\n        - name: sidecar\n          image: ghcr.io/example/tail:0.1\n';

const app = (kustomize: string, path = 'apps/ledger'): string =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ledger\nspec:\n  source:\n    repoURL: https://github.com/example/deploy\n    path: ${path}\n    kustomize:\n${kustomize}`;

const runs = (o: Occurrence | undefined): string[] => (o?.effective ?? []).map((e) => `${e.for?.kind} ${e.for?.file} => ${e.reference?.canonical ?? `unknown: ${e.unknown}`}${e.provenance.map((p) => ` | ${p.kind} ${p.file}:${p.line}`).join('')}`);
const place = (o: Occurrence): string => `${o.file}:${o.parts.image?.span.start.line}:${o.parts.image?.span.start.col}`;

test('Argo CD kustomize.patches: each image reported where it is written, and joined to the images of the path it patches', async () => {
  const patches = [
    '      patches:',
    '        - target: {kind: Deployment, name: ledger}',
    '          patch: |',
    '            - op: replace',
    '              path: /spec/template/spec/containers/0/image',
    '              value: ghcr.io/example/ledger:2.0.0',
    '        - patch: |',
    '            apiVersion: apps/v1',
    '            kind: Deployment',
    '            metadata: {name: ledger}',
    '            spec: {template: {spec: {containers: [{name: sidecar, image: "ghcr.io/example/tail:0.2"}]}}}',
    '      images: [ghcr.io/example/ledger:2.0.1]',
    '',
  ].join('\n');
  const files = { 'apps/ledger/deploy.yaml': deploy, 'apps/ledger/kustomization.yaml': 'resources: [deploy.yaml]\n', 'argo/ledger.yaml': app(patches) };
  const inventory = await scanSource(new MemorySource(files));
  expect(inventory.diagnostics).toEqual([]);
  const byPlace = new Map(inventory.occurrences.map((o) => [place(o), o]));
  // Positions are the Application file's, inside the block strings.
  expect(byPlace.get('argo/ledger.yaml:15:22')).toMatchObject({ format: 'argocd', raw: 'ghcr.io/example/ledger:2.0.0', path: ['spec', 'source', 'kustomize', 'patches', 0, 'patch', 0, 'value'] });
  expect(byPlace.get('argo/ledger.yaml:15:22')?.notes?.[0]).toMatch(/^written in a patch/);
  expect(byPlace.get('argo/ledger.yaml:20:75')).toMatchObject({ format: 'argocd', raw: 'ghcr.io/example/tail:0.2', workload: { kind: 'Deployment', name: 'ledger', container: 'sidecar' } });
  // The patch runs first, then kustomize.images rewrites its result (as on the path's kustomization).
  expect(runs(byPlace.get('apps/ledger/deploy.yaml:10:18'))).toEqual([
    'argocd-application argo/ledger.yaml => ghcr.io/example/ledger:2.0.1 | kustomize-patch argo/ledger.yaml:15 | kustomize-images argo/ledger.yaml:21',
  ]);
  expect(runs(byPlace.get('apps/ledger/deploy.yaml:12:18'))).toEqual(['argocd-application argo/ledger.yaml => ghcr.io/example/tail:0.2 | kustomize-patch argo/ledger.yaml:20']);
  // The Application is the only context of its path, so the base tag runs nowhere; the rules check the
  // patch's image in the Application file, and the base line adds no run of its own.
  const sidecar = byPlace.get('apps/ledger/deploy.yaml:12:18')!;
  expect(sidecar.decidedElsewhere).toMatch(/argo\/ledger\.yaml line 20/);
  expect(runsOf(sidecar, checkedWhereDecided(inventory.occurrences))).toEqual([]);
  expect(runsOf(sidecar)).toHaveLength(1);
});

test('Argo CD patch files are relative to the source path; a path the tree does not hold joins nothing and says nothing of files', async () => {
  const withFile = '      patches:\n        - path: sidecar.yaml\n        - path: gone.yaml\n          target: {kind: Deployment}\n';
  const files = {
    'apps/ledger/deploy.yaml': deploy, 'apps/ledger/kustomization.yaml': 'resources: [deploy.yaml]\n', 'argo/ledger.yaml': app(withFile),
    'apps/ledger/sidecar.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ledger\nspec:\n  template:\n    spec:\n      containers:\n        - name: sidecar\n          image: ghcr.io/example/tail:0.3\n',
  };
  const inventory = await scanSource(new MemorySource(files));
  expect(inventory.diagnostics).toEqual([{ file: 'argo/ledger.yaml', code: 'unreadable', line: 12, message: 'patch file gone.yaml is not among the files read, so the images it may set are not known' }]);
  const sidecar = inventory.occurrences.find((o) => o.file === 'apps/ledger/deploy.yaml' && o.raw.includes('tail'));
  expect(runs(sidecar)).toEqual(['argocd-application argo/ledger.yaml => ghcr.io/example/tail:0.3 | kustomize-patch apps/ledger/sidecar.yaml:10']);
  const elsewhere = await scanSource(new MemorySource({ 'argo/ledger.yaml': app(withFile + '        - patch: "[{op: add, path: /spec/template/spec/containers/0/image, value: ghcr.io/example/ledger:9}]"\n          target: {name: ledger}\n', 'other/path') }));
  expect(elsewhere.diagnostics).toEqual([]);
  expect(elsewhere.occurrences.map((o) => [o.raw, o.effective])).toEqual([['ghcr.io/example/ledger:9', undefined]]);
});

test('an ApplicationSet fills a patch image and target from each element', async () => {
  const set = 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: ledgers\nspec:\n  generators:\n    - list:\n        elements: [{tag: "3.0.0", app: ledger}, {tag: "3.1.0", app: ledger}]\n  template:\n    metadata:\n      name: ledger\n    spec:\n      source:\n        repoURL: https://github.com/example/deploy\n        path: apps/ledger\n        kustomize:\n          patches:\n            - target: {kind: Deployment, name: \'{{app}}\'}\n              patch: "[{op: replace, path: /spec/template/spec/containers/0/image, value: \'ghcr.io/example/ledger:{{tag}}\'}]"\n';
  const inventory = await scanSource(new MemorySource({ 'apps/ledger/deploy.yaml': deploy, 'apps/ledger/kustomization.yaml': 'resources: [deploy.yaml]\n', 'argo/set.yaml': set }));
  const base = inventory.occurrences.find((o) => o.file === 'apps/ledger/deploy.yaml' && o.raw.includes('ledger'));
  expect(runs(base).filter((r) => r.startsWith('applicationset-element'))).toEqual([
    'applicationset-element argo/set.yaml => ghcr.io/example/ledger:3.0.0 | kustomize-patch argo/set.yaml:19',
    'applicationset-element argo/set.yaml => ghcr.io/example/ledger:3.1.0 | kustomize-patch argo/set.yaml:19',
  ]);
});

test('odd Argo CD kustomize.patches never throw: unreadable ones are diagnostics, the rest set nothing', async () => {
  const odd = ['      patches: 7', '      patches: [null, 3, {patch: 42}, {target: 5, patch: "[: bad"}]', '      patches: [{path: ../../../../out.json}, {path: ""}, {target: {name: "*"}, patch: "- {op: replace, path: /spec/template/spec/containers/0/image, value: [1]}"}]'];
  const codes: string[][] = [];
  for (const text of odd) {
    const inventory = await scanSource(new MemorySource({ 'apps/ledger/deploy.yaml': deploy, 'apps/ledger/kustomization.yaml': 'resources: [deploy.yaml]\n', 'argo/ledger.yaml': app(`${text}\n`) }));
    codes.push(inventory.diagnostics.map((d) => `${d.file} ${d.code}`));
    expect(inventory.occurrences.filter((o) => o.file === 'apps/ledger/deploy.yaml').map((o) => o.raw)).toEqual(['ghcr.io/example/ledger:1.0.0', 'ghcr.io/example/tail:0.1']);
    for (const e of inventory.occurrences.flatMap((o) => o.effective ?? [])) expect(e.unknown ?? e.reference).toBeTruthy();
  }
  expect(codes).toEqual([[], ['argo/ledger.yaml invalid-yaml'], ['argo/ledger.yaml unreadable']]);
});
