import { fileURLToPath } from 'node:url';
import { LocalSource } from '../../sources/local.js';
import { MemorySource } from '../../sources/memory.js';
import type { Occurrence } from '../../model/occurrence.js';
import { scanSource } from '../scan.js';

const fixture = fileURLToPath(new URL('__fixtures__/appsets', import.meta.url));

/** What each ApplicationSet element runs for each templated image, and the files that decided, in words a test can read. */
function runs(occurrences: Occurrence[], file: string): Record<string, string[]> {
  return Object.fromEntries(occurrences.filter((o) => o.file === file && o.effective).map((o) => [o.raw, o.effective!.map((e) => `${e.for?.element}: ${e.reference?.canonical ?? `unknown: ${e.unknown}`}${e.provenance.map((p) => ` | ${p.kind} ${p.file}:${p.line}`).join('')}`)]));
}

test('git files generator: one element per matched JSON file, keys as goTemplate fields, numbers as Argo CD prints them, excluded files left out', async () => {
  const inventory = await scanSource(new LocalSource(fixture));
  expect(inventory.diagnostics).toEqual([]);
  expect(runs(inventory.occurrences, 'argocd/services.yaml')).toEqual({
    '{{ .image.repository }}:{{ .image.tag }}': [
      '0: ghcr.io/acme/billing:3.1.0 | applicationset-git-files services/billing/deploy.json:3',
      // `"tag": 1.10` is a JSON number: Argo CD's template prints the float64 1.1.
      '1: ghcr.io/acme/ledger:1.1 | applicationset-git-files services/ledger/deploy.json:3',
    ],
    'ghcr.io/acme/{{ index .path.segments 1 }}-shipper:{{ .shipper }}': [
      '0: ghcr.io/acme/billing-shipper:0.9.2 | applicationset-git-files services/billing/deploy.json:1',
      '1: unknown: element 1 has no shipper | applicationset-git-files services/ledger/deploy.json:1',
    ],
  });
  const billing = inventory.occurrences.find((o) => o.raw.startsWith('{{ .image'))!.effective![0]!;
  expect(billing.for).toEqual({ kind: 'applicationset-element', file: 'argocd/services.yaml', name: 'services', element: 0 });
  expect(billing.provenance[0]!.detail).toBe('services/billing/deploy.json (git files generator path services/*/deploy.json, argocd/services.yaml line 15) sets image.repository = ghcr.io/acme/billing, image.tag = 3.1.0 (imagepin reads this tree as https://github.com/acme/gitops.git, assuming it is this repository)');
});

test('git directories generator (fasttemplate): matched folders but excluded and dot folders; a goTemplate field is left as written', async () => {
  const inventory = await scanSource(new LocalSource(fixture));
  expect(runs(inventory.occurrences, 'argocd/addons.yaml')).toEqual({
    'ghcr.io/acme/{{path.basename}}-agent:2.4.0': [
      '0: ghcr.io/acme/logs-agent:2.4.0 | applicationset-git-directories argocd/addons.yaml:12',
      '1: ghcr.io/acme/metrics-agent:2.4.0 | applicationset-git-directories argocd/addons.yaml:12',
    ],
    'ghcr.io/acme/{{path[1]}}-collector:{{ .path.basename }}': [
      '0: unknown: element 0 has no .path.basename, so fasttemplate (goTemplate is not set) leaves {{ .path.basename }} as written | applicationset-git-directories argocd/addons.yaml:12',
      '1: unknown: element 1 has no .path.basename, so fasttemplate (goTemplate is not set) leaves {{ .path.basename }} as written | applicationset-git-directories argocd/addons.yaml:12',
    ],
  });
  // Each element is an Application of its folder: its kustomize.images entry rewrites the manifests there.
  const agent = inventory.occurrences.find((o) => o.file === 'addons/logs/deployment.yaml')!;
  expect(agent.effective!.map((e) => [e.for, e.reference?.canonical, e.provenance.map((p) => `${p.kind} ${p.file}:${p.line}`)])).toEqual([
    [{ kind: 'applicationset-element', file: 'argocd/addons.yaml', name: 'addons', element: 0 }, 'ghcr.io/acme/logs-agent:2.4.0', ['kustomize-images argocd/addons.yaml:26']],
  ]);
  expect(agent.decidedElsewhere).toMatch(/^every kustomization that builds this file sets the image's tag or digest \(argocd\/addons.yaml line 26\)/);
});

test('an element\'s path and valueFiles are followed like an Application\'s: the element\'s values file decides the tag', async () => {
  const set = `    - git:\n        repoURL: https://github.com/acme/gitops\n        directories:\n          - path: charts/*`;
  const text = appset(set).replace('        chart: c\n', '        path: \'{{ .path.path }}\'\n').replace(/ {10}valuesObject:\n.*\n/, '          valueFiles:\n            - values-prod.yaml\n');
  const files = { 'set.yaml': text, 'charts/api/values.yaml': 'image:\n  repository: ghcr.io/acme/api\n  tag: 1.0.0\n', 'charts/api/values-prod.yaml': 'image:\n  tag: 1.0.3\n' };
  const inventory = await scanSource(new MemorySource(files));
  const api = inventory.occurrences.find((o) => o.file === 'charts/api/values.yaml')!;
  expect(api.effective!.map((e) => [e.for, e.reference?.canonical, e.provenance.map((p) => `${p.kind} ${p.file}:${p.line}`)])).toEqual([
    [{ kind: 'applicationset-element', file: 'set.yaml', name: 's', element: 0 }, 'ghcr.io/acme/api:1.0.3', ['argo-value-files charts/api/values-prod.yaml:2']],
  ]);
});

test('matrix: the second generator reads the first one\'s parameters (a file per region); helm.values text is expanded too', async () => {
  const inventory = await scanSource(new LocalSource(fixture));
  expect(runs(inventory.occurrences, 'argocd/edge.yaml')).toEqual({
    'ghcr.io/acme/edge-proxy:{{ .proxy.version }}': [
      '0: ghcr.io/acme/edge-proxy:2.8.1 | applicationset-git-files regions/eu/versions.yaml:2',
      '1: ghcr.io/acme/edge-proxy:2.7.4 | applicationset-git-files regions/us/versions.yaml:3',
    ],
  });
});

test('merge by mergeKeys overrides the first generator\'s elements; a clusters generator is unknown, naming it', async () => {
  const inventory = await scanSource(new LocalSource(fixture));
  expect(runs(inventory.occurrences, 'argocd/web.yaml')).toEqual({
    'ghcr.io/acme/{{app}}:{{tag}}': [
      '0: ghcr.io/acme/storefront:5.2.0 | applicationset-list argocd/web.yaml:13',
      '1: ghcr.io/acme/checkout:5.1.7 | applicationset-list argocd/web.yaml:14 | applicationset-list argocd/web.yaml:17',
      '2: unknown: the clusters generator at line 18: its elements come from the cluster, not from the tree',
    ],
  });
});

const appset = (generators: string, image = 'ghcr.io/acme/{{ .name }}:{{ .tag }}'): string =>
  `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: s}\nspec:\n  goTemplate: true\n  generators:\n${generators}\n  template:\n    spec:\n      source:\n        repoURL: https://charts.example\n        chart: c\n        targetRevision: 1.0.0\n        helm:\n          valuesObject:\n            image: '${image}'\n`;

const effectiveOf = async (files: Record<string, string>, repository?: string): Promise<string[]> => {
  const inventory = await scanSource(new MemorySource(files), repository ? { repository } : {});
  return inventory.occurrences.flatMap((o) => o.effective ?? []).map((e) => `${e.for?.element}: ${e.reference?.canonical ?? `unknown: ${e.unknown}`}`);
};

test('a git generator on another repository is unknown when the repository is known; this one is read', async () => {
  const git = (url: string): string => `    - git:\n        repoURL: ${url}\n        revision: HEAD\n        files:\n          - path: 'apps/*.yaml'`;
  const files = { 'apps/a.yaml': 'name: alpha\ntag: "1.0"\n', 'set.yaml': appset(git('https://github.com/acme/charts.git')) };
  expect(await effectiveOf(files, 'acme/gitops')).toEqual(['0: unknown: the git generator at set.yaml line 7 reads https://github.com/acme/charts.git, which is not this repository (acme/gitops)']);
  expect(await effectiveOf({ ...files, 'set.yaml': appset(git('git@github.com:Acme/GitOps.git')) }, 'acme/gitops')).toEqual(['0: ghcr.io/acme/alpha:1.0']);
});

test('a matrix that makes more than 256 elements is expanded to 256, and says so', async () => {
  const list = (key: string): string => `          - list:\n              elements:\n${Array.from({ length: 20 }, (_, i) => `                - ${key}: "${i}"`).join('\n')}`;
  const found = await effectiveOf({ 'set.yaml': appset(`    - matrix:\n        generators:\n${list('name')}\n${list('tag')}`) });
  expect(found).toHaveLength(257);
  expect(found[255]).toBe('255: ghcr.io/acme/12:15');
  expect(found[256]).toBe('256: unknown: the generators of set.yaml make more than 256 elements; imagepin expands the first 256 (a limit, since the tree may be pull request content), so the others are not checked');
});

test('selectors filter elements; an unreadable config file, pullRequest and plugin generators are unknown with the reason', async () => {
  const selected = `    - list:\n        elements:\n          - {name: a, tag: "1", env: prod}\n          - {name: b, tag: "2", env: dev}\n      selector:\n        matchExpressions:\n          - {key: env, operator: In, values: [prod]}`;
  expect(await effectiveOf({ 'set.yaml': appset(selected) })).toEqual(['0: ghcr.io/acme/a:1']);
  const broken = `    - git:\n        repoURL: https://github.com/acme/gitops\n        files:\n          - path: conf/*.json`;
  expect(await effectiveOf({ 'conf/x.json': '{"name": ', 'set.yaml': appset(broken) })).toEqual([
    expect.stringMatching(/^0: unknown: the git generator at set\.yaml line 7 matches conf\/x\.json, but it is not YAML or JSON \(.*\): Argo CD stops with an error$/),
  ]);
  expect(await effectiveOf({ 'set.yaml': appset('    - pullRequest:\n        github: {owner: acme, repo: web}\n    - plugin:\n        configMapRef: {name: p}') })).toEqual([
    '0: unknown: the pullRequest generator at line 7: its elements come from the Git forge, not from the tree',
    '1: unknown: the plugin generator at line 9: its elements come from a plugin service, not from the tree',
  ]);
});

test('in a matrix, a list element is filled with the first generator\'s parameters before it is used', async () => {
  const matrix = `    - matrix:\n        generators:\n          - git:\n              repoURL: https://github.com/acme/gitops\n              directories:\n                - path: teams/*\n          - list:\n              elements:\n                - {name: '{{ .path.basename }}-api', tag: '2.0'}`;
  const files = { 'teams/red/a.yaml': 'x: 1\n', 'teams/blue/b.yaml': 'x: 1\n', 'set.yaml': appset(matrix) };
  expect(await effectiveOf(files)).toEqual(['0: ghcr.io/acme/blue-api:2.0', '1: ghcr.io/acme/red-api:2.0']);
});
