import { extractFixture } from '../../../test/helpers/summary.js';

test('helmfile releases: inline values maps and charts with their repository URL', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'helmfile.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(result.formats).toEqual(['helmfile']);
  expect(occurrences).toEqual([
    {
      ref: 'docker.io/grafana/loki:3.2.0', shape: 'fields', path: 'releases[0].values[1].loki.image', owner: 'HelmfileRelease loki grafana/loki@6.16.0',
      parts: { repository: '16:25-16:37 grafana/loki', tag: '17:18-17:23 3.2.0' },
    },
  ]);
  expect(result.charts.map((c) => [c.type, c.chart, c.version, c.repoURL, c.versionNode?.span.start.line])).toEqual([
    ['helm', 'grafana/loki', '6.16.0', 'https://grafana.github.io/helm-charts', 11],
    ['oci', 'bitnami/postgresql', '~15.5.0', 'oci://registry-1.docker.io/bitnamicharts', 20],
  ]);
});

test('decision 64: an inline values map\'s image under enabled: false stays a notice unless a later values entry may enable it', async () => {
  const { MemorySource } = await import('../../sources/memory.js');
  const { scanSource } = await import('../../engine/scan.js');
  const release = (later: string): string => `releases:\n  - name: shop\n    chart: example/shop\n    values:\n      - metrics:\n          enabled: false\n          image:\n            repository: quay.io/example/shop-exporter\n            tag: 0.3.0\n${later}`;
  const seen = async (later: string) => {
    const inventory = await scanSource(new MemorySource({ 'helmfile.yaml': release(later), 'prod.yaml': 'metrics:\n  enabled: true\n' }));
    return { occurrences: inventory.occurrences.map((o) => [o.raw, o.notes]), notices: (inventory.notFollowed ?? []).map((n) => n.field) };
  };
  expect(await seen('')).toEqual({ occurrences: [], notices: ['releases[0].values[0].metrics.enabled'] });
  expect(await seen('      - metrics:\n          serviceMonitor: true\n')).toEqual({ occurrences: [], notices: ['releases[0].values[0].metrics.enabled'] });
  expect(await seen('      - metrics:\n          enabled: true\n')).toEqual({
    occurrences: [['quay.io/example/shop-exporter:0.3.0', [expect.stringContaining('values entry 1 of the same release (helmfile.yaml line 10) sets metrics.enabled to true')]]], notices: [],
  });
  const file = await seen('      - prod.yaml\n');
  expect(file.notices).toEqual([]);
  expect(file.occurrences[0]?.[1]).toEqual([expect.stringContaining('is a file or template that imagepin does not merge with this map')]);
});
