import { MemorySource } from '../sources/memory.js';
import { toJson } from '../reporters/json.js';
import { toText } from '../reporters/text.js';
import { verdictOf } from '../reporters/verdict.js';
import { scanSource } from './scan.js';

const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: "ghcr.io/acme/web:1.4.2"}]\n';

const tree = () => new MemorySource({
  'apps/web/base/kustomization.yaml': 'resources:\n  - deploy.yaml\n  - github.com/acme/shared/redis?ref=v2.0.1\n',
  'apps/web/base/deploy.yaml': deploy,
  'apps/web/prod/kustomization.yaml': 'resources: [../base]\ncomponents:\n  - https://github.com/acme/components//pin-tags?ref=v1\n',
  'apps/api/kustomization.yaml': 'resources: [deploy.yaml]\nimages: [{name: ghcr.io/acme/web, newTag: 1.5.0}]\n',
  'apps/api/deploy.yaml': deploy,
});

test('remote includes are notices of their own: exact entries, no diagnostic, and a remote component makes what runs unknown', async () => {
  const inventory = await scanSource(tree());
  expect(inventory.diagnostics).toEqual([]);
  expect(inventory.notFollowed?.map((n) => `${n.file}:${n.span.start.line}:${n.span.start.col} ${n.field} ${n.url}`)).toEqual([
    'apps/web/base/kustomization.yaml:3:5 resources github.com/acme/shared/redis?ref=v2.0.1',
    'apps/web/prod/kustomization.yaml:3:5 components https://github.com/acme/components//pin-tags?ref=v1',
  ]);
  // A remote base's transformers cannot reach the tree's files, a remote component's can: only the overlay with the component is unknown.
  const web = inventory.occurrences.find((o) => o.file === 'apps/web/base/deploy.yaml');
  expect(web?.effective?.map((e) => [e.for?.file, e.unknown])).toEqual([
    ['apps/web/prod/kustomization.yaml', 'not all of this context is in the tree: apps/web/prod/kustomization.yaml line 3 uses component https://github.com/acme/components//pin-tags?ref=v1, which is not in this tree'],
  ]);
});

test('JSON lists and counts them apart from diagnostics; the text report notes them; the verdict ignores them', async () => {
  const inventory = await scanSource(tree());
  const json = JSON.parse(toJson(inventory));
  expect(json.schemaVersion).toBe(3);
  expect(json.summary).toMatchObject({ diagnostics: 0, notFollowed: 2 });
  expect(json.notFollowed[0]).toEqual({
    file: 'apps/web/base/kustomization.yaml', code: 'remote-not-followed', url: 'github.com/acme/shared/redis?ref=v2.0.1', field: 'resources', document: 0, path: 'resources[1]',
    span: { start: { line: 3, col: 5, offset: 31 }, end: { line: 3, col: 44, offset: 70 } },
    message: 'imagepin did not read the remote resource github.com/acme/shared/redis?ref=v2.0.1, included by apps/web/base/kustomization.yaml:3; the images it deploys are not checked',
  });
  const text = toText(inventory, false);
  expect(text).toContain('apps/web/prod/kustomization.yaml\n  3:5     note    remote-not-followed  imagepin did not read the remote component https://github.com/acme/components//pin-tags?ref=v1, included by apps/web/prod/kustomization.yaml:3; the images it deploys are not checked\n');
  expect(text.trimEnd().split('\n').pop()).toBe('3 image references in 5 files, 0 file problems, 2 remote sources not read (offline: not resolved)');
  expect(verdictOf([], 'error', inventory.occurrences.length, inventory.diagnostics)).toMatchObject({ icon: '✅', headline: 'no risks found in 3 image references' });
});

const apps = () => new MemorySource({
  'argocd/apps.yaml': [
    'apiVersion: argoproj.io/v1alpha1', // 1
    'kind: Application',
    'metadata: {name: web}',
    'spec:',
    '  source: {repoURL: "https://github.com/Acme/GitOps.git", path: apps/web}', // 5
    '---',
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata: {name: ingress}',
    'spec:', // 10
    '  sources:',
    '    - repoURL: git@github.com:acme/platform.git',
    '      path: deploy/ingress',
    '    - repoURL: https://github.com/acme/values.git', // 14: a ref source, no path: it deploys nothing itself
    '      ref: values', // 15
    '    - {repoURL: https://charts.bitnami.com/bitnami, chart: redis, targetRevision: 19.6.0}',
    '---',
    'apiVersion: argoproj.io/v1alpha1',
    'kind: ApplicationSet',
    'metadata: {name: tenants}', // 20
    'spec:',
    '  generators: [{list: {elements: [{url: "https://github.com/acme/t1.git"}]}}]',
    '  template:',
    '    metadata: {name: t}',
    '    spec: {source: {repoURL: "{{url}}", path: deploy}}', // 25
    '',
  ].join('\n'),
});

test('an Argo CD git source with a path in another repository is a notice only where the repository analysed is known', async () => {
  const known = await scanSource(apps(), { repository: 'acme/gitops' });
  expect(known.diagnostics).toEqual([]);
  expect(known.notFollowed).toEqual([{
    file: 'argocd/apps.yaml', code: 'other-repository', url: 'git@github.com:acme/platform.git', field: 'repoURL', document: 1, path: ['spec', 'sources', 0, 'repoURL'],
    span: { start: { line: 12, col: 16, offset: expect.any(Number) }, end: { line: 12, col: 48, offset: expect.any(Number) } },
    sourcePath: 'deploy/ingress', repository: 'acme/platform', thisRepository: 'acme/gitops',
    message: 'imagepin did not read path deploy/ingress of git@github.com:acme/platform.git, the Argo CD source at argocd/apps.yaml:12, which is not this repository (acme/gitops); the images it deploys are not checked',
  }]);
  // The CLI does not know which repository the tree is: nothing can be compared, so nothing is said.
  expect((await scanSource(apps())).notFollowed).toEqual([]);
});
