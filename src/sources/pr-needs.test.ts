import { generatorFiles, nearChange, neededFiles, referenced } from './pr-needs.js';

const tree = [
  'apps/shop/base/deployment.yaml',
  'apps/shop/base/kustomization.yaml',
  'apps/shop/overlays/prod/kustomization.yaml',
  'apps/media/ks.yaml',
  'apps/media/app/helmrelease.yaml',
  'cluster/vars/home-settings.yaml',
  'cluster/meta/acme-charts.yaml',
  'cluster/meta/bitnami/helmrepository.yaml',
  'cluster/meta/bitnami/notes.yaml',
  'charts/api/values-prod.yaml',
  'charts/api/values.yaml',
  'charts/api/templates/deployment.yaml',
  'envs/values-staging.yaml',
  'apps/radio/app/kustomization.yaml',
  'apps/radio/app/helm/values.yaml',
  'unrelated/thing.yaml',
];

test('what changed files refer to by name or path is read, and nothing else', () => {
  const texts: [string, string][] = [
    ['apps/shop/overlays/prod/kustomization.yaml', 'resources:\n  - ../../base\nimages:\n  - name: web\n    newTag: "2"\n'],
    ['apps/media/ks.yaml', 'kind: Kustomization\nspec:\n  path: ./apps/media/app\n  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: home-settings\n'],
    ['apps/media/app/helmrelease.yaml', 'spec:\n  chart:\n    spec:\n      sourceRef:\n        name: acme-charts\n        kind: HelmRepository\n---\nspec:\n  chartRef:\n    kind: HelmRepository\n    name: bitnami\n'],
    ['argocd/api.yaml', 'spec:\n  source:\n    path: charts/api\n    helm:\n      valueFiles:\n        - values-prod.yaml\n        - $deploy/envs/values-staging.yaml\n'],
    // The values file a HelmRelease's valuesFrom reads through a configMapGenerator (`key=path`).
    ['apps/radio/app/kustomization.yaml', 'configMapGenerator:\n  - name: radio-values\n    files:\n      - values.yaml=./helm/values.yaml\n'],
  ];
  expect([...neededFiles(tree, referenced(texts))].sort()).toEqual([
    'apps/media/app/helmrelease.yaml',
    'apps/radio/app/helm/values.yaml',
    'apps/shop/base/deployment.yaml',
    'apps/shop/base/kustomization.yaml',
    'charts/api/values-prod.yaml',
    'charts/api/values.yaml',
    'cluster/meta/acme-charts.yaml',
    'cluster/meta/bitnami/helmrepository.yaml',
    'cluster/vars/home-settings.yaml',
    'envs/values-staging.yaml',
  ]);
});

test('references are followed from the changed files and the folders above them only', () => {
  const changed = [{ path: 'apps/media/app/helmrelease.yaml' }];
  expect(['apps/media/app/helmrelease.yaml', 'apps/media/ks.yaml', 'apps/kustomization.yaml', 'apps/other/ks.yaml', 'cluster/x.yaml'].filter(nearChange(changed)))
    .toEqual(['apps/media/app/helmrelease.yaml', 'apps/media/ks.yaml', 'apps/kustomization.yaml']);
  // A folder whose name only begins like a changed file's folder is not above it; the root is above every file.
  expect(['apps/med/ks.yaml', 'apps/media-extra/ks.yaml', 'kustomization.yaml'].filter(nearChange(changed))).toEqual(['kustomization.yaml']);
  expect(['kustomization.yaml', 'apps/ks.yaml'].filter(nearChange([]))).toEqual([]);
});

test('the config files an ApplicationSet git files generator matches are read, JSON too, and templated paths match any folder', () => {
  const appset = [
    'apiVersion: argoproj.io/v1alpha1', 'kind: ApplicationSet', 'spec:', '  generators:', '    - matrix:', '        generators:',
    '          - list:', '              elements: [{region: eu}]', '          - git:', '              repoURL: https://github.com/acme/gitops',
    '              files:', '                - path: "regions/{{ .region }}/versions.yaml"', '                - path: services/*/deploy.json',
    '                  exclude: false', '  template:', '    spec:', '      source:', '        path: charts/edge', '',
  ].join('\n');
  const listing = [...tree, 'regions/eu/versions.yaml', 'regions/us/versions.yaml', 'services/billing/deploy.json', 'services/billing/README.md', 'charts/edge/values.yaml'];
  expect([...generatorFiles([['argocd/edge.yaml', appset]], listing)].sort()).toEqual(['regions/eu/versions.yaml', 'regions/us/versions.yaml', 'services/billing/deploy.json']);
  // The same lines in anything but an ApplicationSet ask for nothing.
  expect([...generatorFiles([['notes.yaml', appset.replace('ApplicationSet', 'ConfigMap')]], listing)]).toEqual([]);
});

test('the patch files a kustomization or an Argo CD source names are read, .json too; other .json files are not', () => {
  const listing = [...tree, 'apps/shop/overlays/prod/set-image.yaml', 'apps/shop/overlays/prod/ops.json', 'apps/shop/overlays/prod/notes.json', 'charts/edge/pin-worker.yaml'];
  const overlay = 'resources:\n  - ../../base\npatches:\n  - path: set-image.yaml\n  - target:\n      kind: Deployment\n    path: ops.json # RFC 6902\n';
  // An Application's kustomize.patches file is relative to the source's path.
  const app = 'spec:\n  source:\n    path: charts/edge\n    kustomize:\n      patches:\n        - path: pin-worker.yaml\n';
  const wanted = [...neededFiles(listing, referenced([['apps/shop/overlays/prod/kustomization.yaml', overlay], ['argocd/edge.yaml', app]]))].sort();
  expect(wanted.filter((p) => p.startsWith('apps/shop/overlays/') || p.startsWith('charts/edge/'))).toEqual(['apps/shop/overlays/prod/ops.json', 'apps/shop/overlays/prod/set-image.yaml', 'charts/edge/pin-worker.yaml']);
});

test("a talconfig.yaml's @file patches and the talenv.yaml beside it are read", () => {
  const listing = [...tree, 'talos/talconfig.yaml', 'talos/talenv.yaml', 'talos/patches/controller/cluster.yaml', 'talos/patches/global/time.yaml', 'talos/README.md'];
  const talconfig = 'talosVersion: ${talosVersion}\ncontrolPlane:\n  patches:\n    - "@./patches/controller/cluster.yaml"\npatches:\n  - \'@./patches/global/time.yaml\' # chrony\n';
  const wanted = [...neededFiles(listing, referenced([['talos/talconfig.yaml', talconfig]]))].filter((p) => p.startsWith('talos/')).sort();
  expect(wanted).toEqual(['talos/patches/controller/cluster.yaml', 'talos/patches/global/time.yaml', 'talos/talenv.yaml']);
});

test("a topf.yaml's patch folders beside it are read: all/, the role folders, node/<host>/ of its hosts", () => {
  const folders = ['talos/all/00-install.yaml', 'talos/control-plane/00-cluster.yaml.tpl', 'talos/worker/10-labels.yml', 'talos/node/cp-1/10-disk.yaml', 'talos/node/gone/10-disk.yaml', 'talos/extra/x.yaml'];
  const listing = [...tree, 'talos/topf.yaml', ...folders];
  const topf = 'clusterName: lab\nnodes:\n  - host: cp-1\n    role: control-plane\n';
  const wanted = [...neededFiles(listing, referenced([['talos/topf.yaml', topf]]))].filter((p) => p.startsWith('talos/')).sort();
  expect(wanted).toEqual(['talos/all/00-install.yaml', 'talos/control-plane/00-cluster.yaml.tpl', 'talos/node/cp-1/10-disk.yaml', 'talos/worker/10-labels.yml']);
});

test("an Omni template's file: patches are read, beside the template or from the repository root", () => {
  const listing = [...tree, 'omni/cluster-template.yaml', 'omni/patches/no-proxy.yaml', 'omni/patches/kubelet.yaml'];
  const template = 'kind: Cluster\nname: hall\npatches:\n  - file: patches/no-proxy.yaml\n  - name: kubelet\n    file: "omni/patches/kubelet.yaml" # from the root\n';
  const wanted = [...neededFiles(listing, referenced([['omni/cluster-template.yaml', template]]))].filter((p) => p.startsWith('omni/')).sort();
  expect(wanted).toEqual(['omni/patches/kubelet.yaml', 'omni/patches/no-proxy.yaml']);
});
