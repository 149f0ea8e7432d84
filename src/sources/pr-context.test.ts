import { contextFiles } from './pr-context.js';

const tree = [
  'apps/media/plex/app/helmrelease.yaml',
  'apps/media/plex/app/ocirepository.yaml',
  'apps/media/plex/app/README.md',
  'apps/media/plex/kustomization.yaml',
  'apps/media/kustomization.yaml',
  'apps/media/sonarr/app/helmrelease.yaml',
  'apps/media/sonarr/app/values.yaml',
  'flux/repositories/bitnami.yaml',
  'flux/sources/podinfo-oci.yaml',
  'infra/talos/patches/mirrors.yaml',
  'infra/talos/nodes/cp-1.yaml.j2',
  'cluster/talconfig.yaml',
  'omni/patches/kubelet.yaml',
  'nodes/certs.d/docker.io/hosts.toml',
  'charts/plex/Chart.yaml',
  'apps/media/plex/Chart.yaml',
  'apps/other/Chart.yaml',
  'apps/shop/base/deployment.yaml',
  'apps/shop/overlays/prod/kustomization.yaml',
  'apps/shop/overlays/staging/kustomization.yaml',
  'flux/repositories/helm/podinfo.yaml',
];

test('a PR that changes only a HelmRelease also reads its chart source, its kustomize bases, charts above it and all Talos and mirror config', () => {
  expect([...contextFiles(tree, ['apps/media/plex/app/helmrelease.yaml'])].sort()).toEqual([
    'apps/media/kustomization.yaml',
    'apps/media/plex/Chart.yaml',
    'apps/media/plex/app/helmrelease.yaml',
    'apps/media/plex/app/ocirepository.yaml',
    'apps/media/plex/kustomization.yaml',
    'cluster/talconfig.yaml',
    'flux/repositories/bitnami.yaml',
    'flux/repositories/helm/podinfo.yaml',
    'flux/sources/podinfo-oci.yaml',
    'infra/talos/nodes/cp-1.yaml.j2',
    'infra/talos/patches/mirrors.yaml',
    'nodes/certs.d/docker.io/hosts.toml',
    'omni/patches/kubelet.yaml',
  ]);
});

test('a PR that changes a base also reads the overlays beside it', () => {
  const read = [...contextFiles(tree, ['apps/shop/base/deployment.yaml'])];
  expect(read.filter((p) => p.startsWith('apps/shop/'))).toEqual(['apps/shop/base/deployment.yaml', 'apps/shop/overlays/prod/kustomization.yaml', 'apps/shop/overlays/staging/kustomization.yaml']);
});
