import { extractFixture } from '../../../test/helpers/summary.js';
import { extractFile } from '../index.js';

const here = new URL('.', import.meta.url);
const DIGEST = 'sha256:d5f8217feeac4887cb1ed21f27c2674e58be06bd8f5184cacea2a69abaf78dce';

test('Helm values: every image convention, with the node of each part', () => {
  const { occurrences, result } = extractFixture(here, 'values.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(result.formats).toEqual(['helm-values']);
  expect(occurrences).toEqual([
    {
      ref: 'ghcr.io/acme/api:2.4.1', shape: 'fields', path: 'image', pullPolicy: 'IfNotPresent',
      parts: { repository: '5:15-5:31 ghcr.io/acme/api', tag: '6:9-6:14 2.4.1' },
    },
    {
      ref: 'mirror.example.com/bitnami/postgresql:16.4.0-debian-12-r0', shape: 'fields', path: 'postgresql.image',
      notes: ['registry comes from global.imageRegistry'],
      parts: { registry: '2:18-2:36 mirror.example.com', repository: '12:17-12:35 bitnami/postgresql', tag: '13:10-13:29 16.4.0-debian-12-r0' },
    },
    {
      ref: `registry.k8s.io/ingress-nginx/controller:v1.11.2@${DIGEST}`, shape: 'fields', path: 'controller.image',
      parts: { registry: '18:15-18:30 registry.k8s.io', repository: '19:12-19:36 ingress-nginx/controller', tag: '20:10-20:17 v1.11.2', digest: `21:13-21:84 ${DIGEST}` },
    },
    {
      ref: 'docker.io/library/redis:7.2', shape: 'fields', path: 'redis', numeric: '7.2->7.2',
      parts: { repository: '24:15-24:20 redis', tag: '25:8-25:11 7.2' },
    },
    {
      ref: 'docker.io/fluent/fluent-bit:3.1.9', shape: 'string', path: 'sidecars[0].image', pullPolicy: 'Always',
      parts: { image: '28:12-28:35 fluent/fluent-bit:3.1.9', repository: '28:12-28:29 fluent/fluent-bit', tag: '28:30-28:35 3.1.9' },
    },
    {
      ref: 'docker.io/bitnami/kubectl:1.31', shape: 'string', path: 'kubectlImage',
      parts: { image: '30:15-30:35 bitnami/kubectl:1.31', repository: '30:15-30:30 bitnami/kubectl', tag: '30:31-30:35 1.31' },
    },
    {
      ref: 'quay.io/acme/worker:v3', shape: 'fields', path: 'defaults',
      notes: ['also taken by worker.image through `*pinned`: the image is written once, so a pin here changes both'],
      parts: { repository: '32:15-32:34 quay.io/acme/worker', tag: '33:8-33:10 v3' },
    },
    {
      ref: 'quay.io/acme/tpl:{{ .Chart.AppVersion }}', shape: 'fields', path: 'templated.image', skip: 'templated',
      parts: { repository: '38:17-38:33 quay.io/acme/tpl', tag: '39:11-39:34 {{ .Chart.AppVersion }}' },
    },
  ]);
});

test('global registries override only the image maps of the chart family that reads them', () => {
  const nginx = 'global:\n  imageRegistry: a.example.com\n  image:\n    registry: b.example.com\ncontroller:\n  image:\n    registry: registry.k8s.io\n    image: ingress-nginx/controller\n    tag: v1.11.2\npg:\n  image:\n    registry: docker.io\n    repository: bitnami/postgresql\n    tag: "16"\n';
  const result = extractFile('values.yaml', nginx);
  expect(result.occurrences.map((o) => [o.reference?.canonical, o.parts.registry?.path.join('.'), o.notes])).toEqual([
    ['b.example.com/ingress-nginx/controller:v1.11.2', 'global.image.registry', ['registry comes from global.image.registry']],
    ['a.example.com/bitnami/postgresql:16', 'global.imageRegistry', ['registry comes from global.imageRegistry']],
  ]);
});

test('an empty tag means the chart decides, and the chart in the tree says which appVersion', () => {
  const { result } = extractFixture(here, 'values-from-chart.yaml', 'values-from-chart.yaml', {
    chartFor: () => ({ file: 'Chart.yaml', name: 'api', version: '1.2.0', appVersion: '2.4.1', appVersionLine: 4 }),
  });
  expect(result.occurrences).toHaveLength(1);
  expect(result.occurrences[0]).toMatchObject({
    skipReason: 'tag-from-chart',
    skipDetail: 'no tag is set, so the chart uses its appVersion 2.4.1 (Chart.yaml)',
    reference: { canonical: 'ghcr.io/acme/api' },
    effective: [{
      raw: 'ghcr.io/acme/api:2.4.1', reference: expect.objectContaining({ canonical: 'ghcr.io/acme/api:2.4.1', tag: '2.4.1' }),
      provenance: [{ kind: 'chart-app-version', file: 'Chart.yaml', line: 4, path: 'appVersion', detail: "no tag is set, so the chart's appVersion 2.4.1 is the tag (the helm create convention)" }],
    }],
  });
  const alone = extractFixture(here, 'values-from-chart.yaml').result.occurrences[0];
  expect(alone?.effective).toEqual([{ raw: 'ghcr.io/acme/api', provenance: [], unknown: 'the chart decides the tag, and its Chart.yaml is not in the tree' }]);
});

test('an unquoted number keeps its source text and records what YAML makes of it', () => {
  const { result } = extractFixture(new URL('../../../examples/gitops/charts/builds-api/', import.meta.url), '../values.yaml', 'values.yaml');
  const python = result.occurrences.find((o) => o.raw.startsWith('python'));
  expect(python?.numericTag).toEqual({ source: '3.10', asNumber: '3.1' });
  expect(python?.reference?.tag).toBe('3.10');
});

test('Chart.yaml yields metadata and its dependencies as chart references', () => {
  const { result } = extractFixture(new URL('../../../examples/gitops/charts/builds-api/', import.meta.url), '../Chart.yaml', 'charts/builds-api/Chart.yaml');
  expect(result.chartMetadata).toEqual({ file: 'charts/builds-api/Chart.yaml', name: 'builds-api', version: '0.3.0', appVersion: '0.0.131', appVersionLine: 4 });
  expect(result.charts.map((c) => [c.type, c.chart, c.version, c.repoURL, c.versionNode?.span.start.line])).toEqual([
    ['oci', 'postgresql', '15.x.x', 'oci://registry-1.docker.io/bitnamicharts', 7],
  ]);
});

test('more conventions: a whole repository in registry, imageRepository + imageTag pairs, image.reference, imageName', () => {
  const { occurrences, result } = extractFixture(here, 'more-shapes.yaml', 'values.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(occurrences).toEqual([
    { ref: 'docker.io/democraticcsi/democratic-csi:v1.9.3', shape: 'fields', path: 'csiDriver.image', parts: { repository: '3:15-3:53 docker.io/democraticcsi/democratic-csi', tag: '4:10-4:16 v1.9.3' } },
    { ref: 'quay.io/acme/backup-agent:2.3', shape: 'fields', path: 'backup.imageRepository', pullPolicy: 'Always', parts: { repository: '6:20-6:45 quay.io/acme/backup-agent', tag: '7:14-7:17 2.3' } },
    { ref: 'ghcr.io/acme/log-shipper:0.9.1', shape: 'fields', path: 'backup.sidecarImageRepository', pullPolicy: 'Always', parts: { registry: '9:25-9:32 ghcr.io', repository: '10:27-10:43 acme/log-shipper', tag: '11:20-11:25 0.9.1' } },
    {
      ref: 'ghcr.io/acme/model-weights:2025.06', shape: 'string', path: 'extraVolumes[0].image.reference', pullPolicy: 'IfNotPresent',
      parts: { image: '15:18-15:52 ghcr.io/acme/model-weights:2025.06', repository: '15:18-15:44 ghcr.io/acme/model-weights', tag: '15:45-15:52 2025.06' },
    },
    {
      ref: 'ghcr.io/cloudnative-pg/postgresql:16.9', shape: 'string', path: 'database.imageName',
      parts: { image: '18:14-18:52 ghcr.io/cloudnative-pg/postgresql:16.9', repository: '18:14-18:47 ghcr.io/cloudnative-pg/postgresql', tag: '18:48-18:52 16.9' },
    },
  ]);
});

test('image + imageTag: the repository under image, its tag beside it, reported once at the image line', () => {
  const { occurrences, result } = extractFixture(here, 'image-tag-values.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(occurrences.map((o) => [o.ref, o.shape, o.path, (o.parts as Record<string, string>).repository, (o.parts as Record<string, string>).tag])).toEqual([
    ['docker.elastic.co/elasticsearch/elasticsearch:8.15.0', 'fields', 'search.image', '3:10-3:55 docker.elastic.co/elasticsearch/elasticsearch', '4:14-4:20 8.15.0'],
    ['docker.io/bats/bats:v1.11.0', 'fields', 'smoke.image', '8:10-8:19 bats/bats', '9:13-9:20 v1.11.0'],
    ['docker.io/library/busybox:1.37', 'string', 'pinned.image', '12:10-12:17 busybox', '12:18-12:22 1.37'],
  ]);
});

test('an image map whose fields come through a merge key (`<<`) is still found; a map without image fields gives none', () => {
  const text = 'base: &base\n  repository: ghcr.io/acme/api\n  tag: "1.0"\napi:\n  image:\n    <<: *base\n    pullPolicy: Always\nworker:\n  image:\n    pullPolicy: Always\n    name: worker\n';
  const result = extractFile('values.yaml', text);
  expect(result.occurrences.map((o) => [o.reference?.canonical, o.path.join('.')])).toEqual([
    ['ghcr.io/acme/api:1.0', 'base'],
    ['ghcr.io/acme/api:1.0', 'api.image'],
  ]);
});
