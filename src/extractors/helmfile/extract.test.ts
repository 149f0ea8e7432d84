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
