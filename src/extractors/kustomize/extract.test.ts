import { extractFixture } from '../../../test/helpers/summary.js';

const here = new URL('.', import.meta.url);
const D = 'sha256:8a9b1e1c2b8f3f4c1f0a44b64f7a2a4a0f8f9c1d4b5e6a7c8d9e0f1a2b3c4d5e';

test('kustomize images entries and helmCharts values', () => {
  const { occurrences, result } = extractFixture(here, 'kustomization.yaml', 'overlays/prod/kustomization.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(result.formats).toEqual(['kustomize']);
  expect(occurrences).toEqual([
    {
      ref: 'docker.io/library/nginx:1.27.2', shape: 'kustomize-image', path: 'images[0]', owner: 'Kustomization',
      parts: { repository: '6:11-6:16 nginx', tag: '7:13-7:19 1.27.2' },
    },
    {
      ref: 'harbor.example.com/ghcr/acme/api', shape: 'kustomize-image', path: 'images[1]', owner: 'Kustomization', skip: 'tag-from-manifests',
      parts: { repository: '9:14-9:46 harbor.example.com/ghcr/acme/api' },
    },
    {
      ref: `docker.io/library/postgres:16.4@${D}`, shape: 'kustomize-image', path: 'images[2]', owner: 'Kustomization', numeric: '16.4->16.4',
      parts: { repository: '10:11-10:19 postgres', tag: '11:13-11:17 16.4', digest: `12:13-12:84 ${D}` },
    },
    {
      ref: 'quay.io/minio/minio:RELEASE.2024-10-13T13-34-11Z', shape: 'fields', path: 'helmCharts[0].valuesInline.image', owner: 'HelmChart storage minio@5.2.0',
      parts: { repository: '21:21-21:40 quay.io/minio/minio', tag: '22:14-22:42 RELEASE.2024-10-13T13-34-11Z' },
    },
  ]);
  expect(result.charts.map((c) => [c.type, c.chart, c.version, c.repoURL, c.owner.name, c.owner.namespace])).toEqual([
    ['helm', 'minio', '5.2.0', 'https://charts.min.io', 'storage', 'minio'],
  ]);
});

test('a kustomization.yaml without apiVersion is still kustomize, by its name', () => {
  const { result } = extractFixture(here, 'kustomization.yaml', 'kustomization.yaml');
  expect(result.formats).toEqual(['kustomize']);
});
