import { extractFixture } from '../../../test/helpers/summary.js';
import { extractFile } from '../index.js';

const here = new URL('.', import.meta.url);

test('Application sources: helm.values string with file positions, valuesObject, kustomize images, parameters', () => {
  const { occurrences, result } = extractFixture(here, 'apps.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(result.formats).toEqual(['argocd']);
  expect(occurrences).toEqual([
    {
      ref: 'docker.io/grafana/grafana:11.2.2', shape: 'fields', path: 'spec.sources[0].helm.values.grafana.image', owner: 'Application monitoring kube-prometheus-stack@65.1.0',
      parts: { repository: '15:27-15:42 grafana/grafana', tag: '16:20-16:26 11.2.2' },
    },
    {
      ref: 'quay.io/prometheus/alertmanager:v0.27.0', shape: 'string', path: 'spec.sources[0].helm.values.alertmanager.image', owner: 'Application monitoring kube-prometheus-stack@65.1.0',
      parts: { image: '19:20-19:59 quay.io/prometheus/alertmanager:v0.27.0', repository: '19:20-19:51 quay.io/prometheus/alertmanager', tag: '19:52-19:59 v0.27.0' },
    },
    {
      ref: 'quay.io/prometheus/prometheus:v2.54.1', shape: 'fields', path: 'spec.sources[0].helm.valuesObject.prometheus.image', owner: 'Application monitoring kube-prometheus-stack@65.1.0',
      parts: { registry: '23:25-23:32 quay.io', repository: '24:27-24:48 prometheus/prometheus', tag: '25:20-25:27 v2.54.1' },
    },
    {
      ref: 'ghcr.io/acme/web:1.9.0', shape: 'argocd-kustomize-image', path: 'spec.sources[1].kustomize.images[0]', owner: 'Application monitoring',
      parts: { image: '31:30-31:52 ghcr.io/acme/web:1.9.0', repository: '31:30-31:46 ghcr.io/acme/web', tag: '31:47-31:52 1.9.0' },
    },
    {
      ref: 'ghcr.io/acme/worker:latest', shape: 'argocd-kustomize-image', path: 'spec.sources[1].kustomize.images[1]', owner: 'Application monitoring',
      parts: { image: '32:13-32:39 ghcr.io/acme/worker:latest', repository: '32:13-32:32 ghcr.io/acme/worker', tag: '32:33-32:39 latest' },
    },
    {
      ref: 'docker.io/bitnami/nginx:1.27.2', shape: 'helm-parameters', path: 'spec.sources[2].helm.parameters', owner: 'Application monitoring nginx@18.x',
      notes: ['helm parameters image.*'],
      parts: { repository: '39:20-39:33 bitnami/nginx', tag: '41:21-41:27 1.27.2' },
    },
    {
      ref: 'ghcr.io/acme/tenant:{{name}}', shape: 'argocd-kustomize-image', path: 'spec.template.spec.source.kustomize.images[0]', owner: 'ApplicationSet {{name}}-app', skip: 'templated',
      parts: { image: '65:16-65:44 ghcr.io/acme/tenant:{{name}}' },
    },
  ]);
});

test('every source is a chart reference; git sources carry targetRevision for the floating-revision rule', () => {
  const { result } = extractFixture(here, 'apps.yaml');
  expect(result.charts.map((c) => [c.type, c.chart, c.version, c.repoURL])).toEqual([
    ['helm', 'kube-prometheus-stack', '65.1.0', 'https://prometheus-community.github.io/helm-charts'],
    ['git', undefined, 'HEAD', 'https://github.com/acme/gitops.git'],
    ['oci', 'nginx', '18.x', 'registry-1.docker.io/bitnamicharts'],
    ['git', undefined, 'main', 'https://github.com/acme/tenants.git'],
  ]);
});

test('helm.values that are not a literal block still point at the right line, and bad YAML inside is a diagnostic on the file line', () => {
  const text = [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata: {name: x}',
    'spec:',
    '  source:',
    '    chart: c',
    '    repoURL: https://charts.example.com',
    '    helm:',
    '      values: "image: nginx:1.27\\nfoo: bar"',
    '---',
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata: {name: y}',
    'spec:',
    '  source:',
    '    helm:',
    '      values: |',
    '        image: [unclosed',
    '',
  ].join('\n');
  const result = extractFile('app.yaml', text);
  expect(result.occurrences.map((o) => [o.reference?.canonical, o.parts.image?.span.start.line])).toEqual([['docker.io/library/nginx:1.27', 9]]);
  expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'invalid-yaml', line: 19, file: 'app.yaml' })]);
  expect(result.diagnostics[0]?.message).toMatch(/inside an embedded YAML string/);
});

test('helm.values with Go template lines: the literal image lines inside are still found, at their file positions', () => {
  const { occurrences, result } = extractFixture(here, 'templated-values.yaml');
  expect(result.diagnostics).toEqual([]);
  const owner = 'Application search opensearch@2.32.0';
  expect(occurrences).toEqual([
    { ref: 'docker.io/opensearchproject/opensearch:2.19.2', shape: 'fields', path: 'spec.source.helm.values.image', owner, parts: { repository: '14:23-14:61 docker.io/opensearchproject/opensearch', tag: '15:16-15:22 2.19.2' } },
    {
      ref: 'docker.io/opensearchproject/opensearch-dashboards:{{ .Values.dashboards.tag }}', shape: 'string', path: 'spec.source.helm.values.dashboards.image', owner, skip: 'templated',
      parts: { image: '18:18-18:96 docker.io/opensearchproject/opensearch-dashboards:{{ .Values.dashboards.tag }}' },
    },
    {
      ref: 'docker.io/library/busybox:1.37.0', shape: 'string', path: 'spec.source.helm.values.initImage', owner,
      parts: { image: '20:20-20:52 docker.io/library/busybox:1.37.0', repository: '20:20-20:45 docker.io/library/busybox', tag: '20:46-20:52 1.37.0' },
    },
  ]);
  expect(result.charts[0]?.values).toMatchObject({ image: { tag: '2.19.2' }, dashboards: { image: 'docker.io/opensearchproject/opensearch-dashboards:{{ .Values.dashboards.tag }}' } });
});

test('a Go template value read as a YAML map key prints no warning: the YAML library is quiet, what it saw is data', () => {
  // The library warns through process.emitWarning, which prints to standard error.
  const original = process.emitWarning;
  const warnings: string[] = [];
  process.emitWarning = ((warning: string | Error) => void warnings.push(String(warning))) as typeof process.emitWarning;
  try {
    const text = [
      'apiVersion: argoproj.io/v1alpha1', 'kind: ApplicationSet', 'metadata: {name: tz}', 'spec:', '  goTemplate: true', '  template:', '    spec:', '      source:',
      "        repoURL: 'https://charts.example.com'", '        chart: tz', '        targetRevision: 1.0.0', '        helm:', '          values: |', '            timezone: {{ .zone }}',
      '            image:', '              repository: ghcr.io/acme/tz', '              tag: "2.1"', '',
    ].join('\n');
    expect(extractFile('apps/tz.yaml', text).occurrences.map((o) => o.raw)).toEqual(['ghcr.io/acme/tz:2.1']);
    expect(warnings).toEqual([]);
  } finally {
    process.emitWarning = original;
  }
});
