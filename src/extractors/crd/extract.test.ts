import { extractFixture } from '../../../test/helpers/summary.js';

test('image fields of any resource, never metadata, CRD schemas or prose', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'resources.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(occurrences).toEqual([
    {
      ref: 'quay.io/ceph/ceph:v18.2.4', shape: 'string', path: 'spec.cephVersion.image', workload: 'CephCluster rook-ceph',
      parts: { image: '9:12-9:37 quay.io/ceph/ceph:v18.2.4', repository: '9:12-9:29 quay.io/ceph/ceph', tag: '9:30-9:37 v18.2.4' },
    },
    {
      ref: 'quay.io/prometheus/prometheus:v2.54.1', shape: 'string', path: 'spec.image', workload: 'Prometheus main',
      parts: { image: '18:10-18:47 quay.io/prometheus/prometheus:v2.54.1', repository: '18:10-18:39 quay.io/prometheus/prometheus', tag: '18:40-18:47 v2.54.1' },
    },
    {
      ref: 'quay.io/prometheus-operator/prometheus-config-reloader:v0.77.1', shape: 'string', path: 'spec.containers[0].image', workload: 'Prometheus main', pullPolicy: 'IfNotPresent',
      parts: {
        image: '21:14-21:76 quay.io/prometheus-operator/prometheus-config-reloader:v0.77.1',
        repository: '21:14-21:68 quay.io/prometheus-operator/prometheus-config-reloader',
        tag: '21:69-21:76 v0.77.1',
      },
    },
    {
      ref: 'docker.io/victoriametrics/vmagent:v1.104.0', shape: 'fields', path: 'spec.image', workload: 'VMAgent agent',
      parts: { repository: '45:17-45:40 victoriametrics/vmagent', tag: '46:10-46:18 v1.104.0' },
    },
    {
      ref: 'quay.io/prometheus-operator/prometheus-config-reloader:v0.77.1', shape: 'string', path: 'spec.configReloaderImage', workload: 'VMAgent agent',
      parts: {
        image: '48:25-48:87 quay.io/prometheus-operator/prometheus-config-reloader:v0.77.1',
        repository: '48:25-48:79 quay.io/prometheus-operator/prometheus-config-reloader',
        tag: '48:80-48:87 v0.77.1',
      },
    },
  ]);
});

test('CloudNativePG: Cluster.spec.imageName, extension image.reference and ImageCatalog images', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'cnpg.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(occurrences).toEqual([
    {
      ref: 'ghcr.io/cloudnative-pg/postgresql:17.5-standard-bookworm', shape: 'string', path: 'spec.imageName', workload: 'Cluster orders-db',
      parts: { image: '7:14-7:70 ghcr.io/cloudnative-pg/postgresql:17.5-standard-bookworm', repository: '7:14-7:47 ghcr.io/cloudnative-pg/postgresql', tag: '7:48-7:70 17.5-standard-bookworm' },
    },
    {
      ref: 'ghcr.io/cloudnative-pg/pgvector:0.8.1-17-bookworm', shape: 'string', path: 'spec.postgresql.extensions[0].image.reference', workload: 'Cluster orders-db', pullPolicy: 'IfNotPresent',
      parts: { image: '12:22-12:71 ghcr.io/cloudnative-pg/pgvector:0.8.1-17-bookworm', repository: '12:22-12:53 ghcr.io/cloudnative-pg/pgvector', tag: '12:54-12:71 0.8.1-17-bookworm' },
    },
    {
      ref: 'ghcr.io/cloudnative-pg/postgresql:16.9-standard-bookworm', shape: 'string', path: 'spec.images[0].image', workload: 'ImageCatalog pg-standard',
      parts: { image: '22:14-22:70 ghcr.io/cloudnative-pg/postgresql:16.9-standard-bookworm', repository: '22:14-22:47 ghcr.io/cloudnative-pg/postgresql', tag: '22:48-22:70 16.9-standard-bookworm' },
    },
    {
      ref: 'ghcr.io/cloudnative-pg/postgresql:17.5-standard-bookworm', shape: 'string', path: 'spec.images[1].image', workload: 'ImageCatalog pg-standard',
      parts: { image: '24:14-24:70 ghcr.io/cloudnative-pg/postgresql:17.5-standard-bookworm', repository: '24:14-24:47 ghcr.io/cloudnative-pg/postgresql', tag: '24:48-24:70 17.5-standard-bookworm' },
    },
  ]);
});

test('Flux image automation (image.toolkit.fluxcd.io) names repositories to watch, not images to run; the same kind in another group is read', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'image-automation.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(occurrences).toEqual([
    {
      ref: 'registry.example.org/tools/mirror-agent:1.4.0', shape: 'string', path: 'spec.image', workload: 'ImageRepository mirror-job',
      parts: { image: '29:10-29:55 registry.example.org/tools/mirror-agent:1.4.0', repository: '29:10-29:49 registry.example.org/tools/mirror-agent', tag: '29:50-29:55 1.4.0' },
    },
  ]);
});
