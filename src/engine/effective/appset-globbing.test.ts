import { MemorySource } from '../../sources/memory.js';
import { scanSource } from '../scan.js';

const appset = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: svc}
spec:
  goTemplate: true
  generators:
    - git:
        repoURL: https://github.com/acme/gitops
        files:
          - path: 'apps/**/config.json'
  template:
    spec:
      source:
        repoURL: https://charts.example
        chart: svc
        targetRevision: 1.0.0
        helm:
          valuesObject:
            image: 'ghcr.io/acme/{{ .name }}:1.0'
`;
const params = (value: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-cmd-params-cm\n  namespace: argocd\ndata:\n  applicationsetcontroller.enable.new.git.file.globbing: "${value}"\n`;
const configs = { 'apps/config.json': '{"name": "root"}', 'apps/a/config.json': '{"name": "a"}' };

/** What each element runs, and the detail of its config file's provenance. */
async function runs(files: Record<string, string>): Promise<string[]> {
  const inventory = await scanSource(new MemorySource({ 'set.yaml': appset, ...configs, ...files }), { repository: 'acme/gitops' });
  return inventory.occurrences.flatMap((o) => o.effective ?? []).map((e) => `${e.reference?.canonical ?? e.unknown} | ${e.provenance.map((p) => p.detail).join('; ')}`);
}

test('argocd-cmd-params-cm in the tree turns on doublestar: `**` matches no folder too, and the detail says where it is set', async () => {
  expect(await runs({ 'argocd/params.yaml': params('true') })).toEqual([
    'ghcr.io/acme/a:1.0 | apps/a/config.json (git files generator path apps/**/config.json, set.yaml line 10) sets name = a (files globbed as doublestar, the new git file globbing, set in argocd/params.yaml line 7)',
    'ghcr.io/acme/root:1.0 | apps/config.json (git files generator path apps/**/config.json, set.yaml line 10) sets name = root (files globbed as doublestar, the new git file globbing, set in argocd/params.yaml line 7)',
  ]);
  expect(await runs({ 'argocd/params.yaml': params('false') })).toEqual([
    'ghcr.io/acme/a:1.0 | apps/a/config.json (git files generator path apps/**/config.json, set.yaml line 10) sets name = a (files globbed as git pathspecs, set in argocd/params.yaml line 7)',
  ]);
});

test('without the setting in the tree: git pathspecs, and the detail says when doublestar would match other files; two ConfigMaps that disagree leave it unknown', async () => {
  const unset = ['ghcr.io/acme/a:1.0 | apps/a/config.json (git files generator path apps/**/config.json, set.yaml line 10) sets name = a (Argo CD\'s new git file globbing, which this tree does not set, would match other files here)'];
  expect(await runs({})).toEqual(unset);
  expect(await runs({ 'east/params.yaml': params('true'), 'west/params.yaml': params('false') })).toEqual([unset[0]!.replace('which this tree does not set', 'which the tree sets both ways (east/params.yaml line 7, west/params.yaml line 7)')]);
});

test('a kustomize configMapGenerator literal of argocd-cmd-params-cm (Argo CD installed with kustomize) sets it too', async () => {
  const kustomization = 'resources: [install.yaml]\nconfigMapGenerator:\n  - name: argocd-cmd-params-cm\n    behavior: merge\n    literals:\n      - applicationsetcontroller.enable.new.git.file.globbing=true\n';
  const found = await runs({ 'argocd/kustomization.yaml': kustomization, 'argocd/install.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: argocd}\n' });
  expect(found.map((r) => r.split(' | ')[0])).toEqual(['ghcr.io/acme/a:1.0', 'ghcr.io/acme/root:1.0']);
  expect(found[0]).toMatch(/\(files globbed as doublestar, the new git file globbing, set in argocd\/kustomization\.yaml line 6\)$/);
});
