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
