import { fileURLToPath } from 'node:url';
import { LocalSource } from '../sources/local.js';
import { MemorySource } from '../sources/memory.js';
import { scanSource } from './scan.js';

test('bad files become diagnostics that say what to fix, and the other files are still read', async () => {
  const source = new MemorySource({
    'apps/web/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
    'apps/big/values.yaml': `image: nginx:1\n${'# padding\n'.repeat(400)}`,
    'apps/bin/values.yaml': new Uint8Array([105, 109, 0, 97, 103, 101]),
    'apps/latin1/values.yaml': new Uint8Array([0x69, 0x6d, 0x61, 0x67, 0x65, 0x3a, 0x20, 0xe9, 0x0a]),
    'apps/broken/values.yaml': 'image: [\n',
    'README.md': 'image: nginx:1\n',
  });
  const inventory = await scanSource(source, { maxFileBytes: 2048 });
  expect(inventory.occurrences.map((o) => `${o.file} ${o.reference?.canonical}`)).toEqual(['apps/web/deploy.yaml docker.io/library/nginx:1.27']);
  expect(inventory.diagnostics.map((d) => [d.file, d.code, d.message])).toEqual([
    ['apps/big/values.yaml', 'too-large', 'file is 4 KiB, over the 2 KiB limit; skipped (raise maxFileBytes if it really holds manifests)'],
    ['apps/bin/values.yaml', 'binary', 'binary file (contains NUL bytes); skipped'],
    ['apps/broken/values.yaml', 'invalid-yaml', expect.stringMatching(/^invalid YAML: /)],
    ['apps/latin1/values.yaml', 'not-utf8', 'not valid UTF-8; skipped (save the file as UTF-8)'],
  ]);
});

test('values files learn their appVersion from the nearest Chart.yaml above them', async () => {
  const source = new MemorySource({
    'charts/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 1.0.0\nappVersion: 3.2.1\n',
    'charts/api/ci/values-test.yaml': 'image:\n  repository: ghcr.io/acme/api\n',
    'other/values.yaml': 'image:\n  repository: ghcr.io/acme/other\n',
  });
  const inventory = await scanSource(source);
  expect(inventory.occurrences.map((o) => [o.file, o.skipReason, o.skipDetail])).toEqual([
    ['charts/api/ci/values-test.yaml', 'tag-from-chart', 'no tag is set, so the chart uses its appVersion 3.2.1 (Chart.yaml)'],
    ['other/values.yaml', 'tag-from-chart', "no tag is set, so the chart decides it (usually the chart's appVersion)"],
  ]);
});

test('the README example: every format of examples/gitops is found', async () => {
  const root = fileURLToPath(new URL('../../examples/gitops', import.meta.url));
  const inventory = await scanSource(new LocalSource(root));
  expect(inventory.diagnostics).toEqual([]);
  expect(new Set(inventory.files.flatMap((f) => f.formats))).toEqual(new Set(['flux', 'kustomize', 'kubernetes', 'argocd', 'crd', 'node-mirrors', 'helm-values']));
  expect(inventory.occurrences.map((o) => `${o.file}:${(o.parts.image ?? o.parts.repository)?.span.start.line} ${o.reference?.canonical}`)).toEqual([
    'apps/builds/application.yaml:20 docker.io/bitnami/redis:7.4.0',
    'apps/builds/application.yaml:25 docker.io/bitnami/redis-exporter:1.62.0',
    'apps/builds/deployment.yaml:16 registry.example.com/builds/builds-api:0.0.130',
    'apps/builds/deployment.yaml:20 registry.example.com/builds/builds-api:0.0.130',
    'apps/builds/deployment.yaml:23 docker.io/library/nginx:1.27',
    'apps/builds/deployment.yaml:39 docker.io/bitnami/kubectl',
    'apps/metallb/kustomization.yaml:7 quay.io/metallb/controller:main',
    'apps/metallb/kustomization.yaml:9 quay.io/metallb/speaker:main',
    'apps/registry/helmrelease.yaml:32 docker.io/goharbor/harbor-db:dev',
    'apps/registry/helmrelease.yaml:38 docker.io/goharbor/redis-photon:v2.11.1',
    'charts/builds-api/values.yaml:2 registry.example.com/builds/builds-api',
    'charts/builds-api/values.yaml:8 docker.io/library/python:3.10',
    'infrastructure/rook/cephcluster.yaml:9 quay.io/ceph/ceph:v17.2.31',
    'talos/controlplane.yaml:5 ghcr.io/siderolabs/installer:v1.8.3',
    'talos/controlplane.yaml:7 ghcr.io/siderolabs/kubelet:v1.31.2',
    'talos/controlplane.yaml:21 registry.k8s.io/kube-apiserver:v1.31.2',
  ]);
  expect(inventory.mirrors.map((m) => [m.host, m.endpoints.map((e) => e.url)])).toEqual([
    ['docker.io', ['https://harbor.registry.svc.example.com/v2/dockerhub']],
    ['quay.io', ['https://harbor.registry.svc.example.com/v2/quay', 'https://docker.io/v2']],
  ]);
});
