import { extractFixture } from '../../../test/helpers/summary.js';
import { applyFixes } from '../../fixers/apply.js';
import { planPin } from '../../fixers/pin.js';
import { extractFile, isCandidate } from '../index.js';
import { neutralise } from './neutralise.js';

const here = new URL('.', import.meta.url);
const DIGEST = `sha256:${'ab'.repeat(32)}`;

test('a Jinja Talos machine config: literal images exact, templated ones marked, mirrors still read', () => {
  const { occurrences, result, text } = extractFixture(here, 'worker.yaml.j2', 'talos/worker.yaml.j2');
  expect(result.diagnostics).toEqual([]);
  expect(occurrences).toEqual([
    {
      ref: 'factory.talos.dev/installer/{{ schematic_id }}:{{ talos_version }}', shape: 'string', path: 'machine.install.image', workload: 'TalosMachineConfig', skip: 'templated',
      parts: { image: '8:12-8:78 factory.talos.dev/installer/{{ schematic_id }}:{{ talos_version }}' },
    },
    {
      ref: 'ghcr.io/siderolabs/kubelet:v1.33.2', shape: 'string', path: 'machine.kubelet.image', workload: 'TalosMachineConfig',
      parts: { image: '10:12-10:46 ghcr.io/siderolabs/kubelet:v1.33.2', repository: '10:12-10:38 ghcr.io/siderolabs/kubelet', tag: '10:39-10:46 v1.33.2' },
    },
    {
      ref: 'registry.k8s.io/kube-proxy:v1.33.2', shape: 'string', path: 'cluster.proxy.image', workload: 'TalosMachineConfig',
      parts: { image: '25:12-25:46 registry.k8s.io/kube-proxy:v1.33.2', repository: '25:12-25:38 registry.k8s.io/kube-proxy', tag: '25:39-25:46 v1.33.2' },
    },
  ]);
  expect(result.occurrences[0]?.skipDetail).toBe('template expression {{ schematic_id }} is filled in at deploy time');
  expect(result.occurrences[0]?.parts.image?.node.source).toBe('factory.talos.dev/installer/{{ schematic_id }}:{{ talos_version }}');
  expect(result.mirrors.map((m) => [m.host, m.endpoints.map((e) => `${e.span.start.line}:${e.span.start.col} ${text.slice(e.span.start.offset, e.span.end.offset)}`)])).toEqual([
    ['docker.io', ['21:13 https://cache.lan.example/v2/hub']],
  ]);
});

test('a Helm chart template: literal images are real images, templated ones reported, names keep their template', () => {
  const { occurrences, result } = extractFixture(here, 'deployment.yaml', 'charts/shop/templates/deployment.yaml');
  expect(result.diagnostics).toEqual([]);
  const workload = (c: string): string => `Deployment {{ include "shop.fullname" . }} ${c}`;
  expect(occurrences).toEqual([
    {
      ref: 'docker.io/library/busybox:1.36.1', shape: 'string', path: 'spec.template.spec.initContainers[0].image', workload: workload('wait-db'),
      parts: { image: '12:18-12:50 docker.io/library/busybox:1.36.1', repository: '12:18-12:43 docker.io/library/busybox', tag: '12:44-12:50 1.36.1' },
    },
    {
      ref: '{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}', shape: 'string', path: 'spec.template.spec.containers[0].image', workload: workload('shop'), skip: 'templated',
      parts: { image: '15:19-15:101 {{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}' },
    },
    {
      ref: 'quay.io/acme/shop-exporter:{{ .Values.metrics.tag }}', shape: 'string', path: 'spec.template.spec.containers[1].image', workload: workload('exporter'), skip: 'templated',
      parts: { image: '22:18-22:70 quay.io/acme/shop-exporter:{{ .Values.metrics.tag }}' },
    },
    {
      ref: 'ghcr.io/acme/proxy:2.0.1', shape: 'string', path: 'spec.template.spec.containers[2].image', workload: workload('proxy'),
      parts: { image: '24:18-24:42 ghcr.io/acme/proxy:2.0.1', repository: '24:18-24:36 ghcr.io/acme/proxy', tag: '24:37-24:42 2.0.1' },
    },
  ]);
});

test('a template that is not YAML even with its blocks set aside: image lines read one by one, and a diagnostic says so', () => {
  const { occurrences, result } = extractFixture(here, 'broken.yaml.tmpl', 'stack/compose.yaml.tmpl');
  expect(occurrences).toEqual([
    { ref: 'ghcr.io/acme/api:4.1.0', shape: 'string', path: '["line 3"].image', parts: { image: '3:12-3:34 ghcr.io/acme/api:4.1.0', repository: '3:12-3:28 ghcr.io/acme/api', tag: '3:29-3:34 4.1.0' } },
    { ref: 'docker.io/library/postgres:16.4', shape: 'string', path: '["line 7"].image', parts: { image: '7:12-7:25 postgres:16.4', repository: '7:12-7:20 postgres', tag: '7:21-7:25 16.4' } },
  ]);
  expect(result.formats).toEqual(['template']);
  expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'template', line: 8, document: 0 })]);
  expect(result.diagnostics[0]?.message).toMatch(/^not YAML even with its template blocks set aside \(.+\), so only its image: lines were read/);
});

test('an image line that does not parse alone: templated, it is reported as written; literal, a diagnostic names the line', () => {
  const { occurrences, result } = extractFixture(here, 'quoted-default.yaml', 'charts/scanner/templates/deployment.yaml');
  const templated = '{{ .Values.registry | default "docker.io" }}/{{ .Values.repo }}:{{ .Values.tag }}';
  expect(occurrences).toEqual([
    // Its inner quotes end the YAML string early; Helm fills the blocks in before YAML reads the line.
    { ref: templated, shape: 'string', path: '["line 10"].image', skip: 'templated', parts: { image: `10:19-10:100 ${templated}` } },
    { ref: 'ghcr.io/acme/updater:1.2.0', shape: 'string', path: '["line 13"].image', parts: { image: '13:19-13:45 ghcr.io/acme/updater:1.2.0', repository: '13:19-13:39 ghcr.io/acme/updater', tag: '13:40-13:45 1.2.0' } },
  ]);
  const [occ] = result.occurrences;
  expect(occ?.skipDetail).toBe('template expression {{ .Values.registry | default "docker.io" }} is filled in at deploy time');
  expect(occ?.parts.image?.node).toMatchObject({ style: 'double', source: `"${templated}"` });
  expect(occ?.reference).toBeUndefined();
  expect(result.diagnostics.map((d) => [d.code, d.line, d.col])).toEqual([['template', 10, 50], ['template', 15, 18]]);
  expect(result.diagnostics[1]?.message).toBe('image line not read: `image: "ghcr.io/acme/probe:0.3` is not YAML even on its own (Missing closing "quote), so imagepin reports no image for it; whatever this line runs is not checked');
});

test('a helmfile values template is read as Helm values under the name it renders to', () => {
  const { occurrences, result } = extractFixture(here, 'values.yaml.gotmpl', 'helmfile/values.yaml.gotmpl');
  expect(result.formats).toEqual(['helm-values']);
  expect(occurrences).toEqual([
    { ref: 'ghcr.io/acme/portal:{{ requiredEnv "PORTAL_TAG" }}', shape: 'fields', path: 'image', skip: 'templated', parts: { repository: '2:15-2:34 ghcr.io/acme/portal', tag: '3:8-3:38 {{ requiredEnv "PORTAL_TAG" }}' } },
    { ref: 'ghcr.io/acme/portal-worker:3.2.0', shape: 'fields', path: 'worker.image', parts: { repository: '6:17-6:43 ghcr.io/acme/portal-worker', tag: '7:10-7:15 3.2.0' } },
  ]);
});

test.each([
  ['talos/cp.yaml.j2', true],
  ['talos/cp.yml.jinja', true],
  ['talos/controlplane.j2', true],
  ['helmfile.d/values.gotmpl', true],
  ['apps/x.yaml.tmpl', true],
  ['charts/a/templates/_helpers.tpl', false],
  ['roles/web/templates/nginx.conf.j2', false],
  ['ci/config.json.tmpl', false],
  ['docs/readme.md', false],
])('%s is a candidate: %s', (file, expected) => {
  expect(isCandidate(file)).toBe(expected);
});

test('the configured extensions decide which templates are read', () => {
  expect(isCandidate('x/app.yaml.njk')).toBe(false);
  expect(isCandidate('x/app.yaml.njk', ['njk'])).toBe(true);
  expect(extractFile('x/values.yaml.njk', 'image: nginx:{{ v }}\n', { templateExtensions: ['njk'] }).occurrences.map((o) => o.raw)).toEqual(['nginx:{{ v }}']);
});

test('neutral text keeps every offset and line; template-only lines become comments', () => {
  const text = 'a: 1\n  {{- if .x }}\nb: {{ .y }}\n{% for n in m %}\n{#\n note\n#}\n';
  const { text: neutral } = neutralise(text);
  expect(neutral.length).toBe(text.length);
  expect(neutral.split('\n').map((l) => l.length)).toEqual(text.split('\n').map((l) => l.length));
  expect(neutral.split('\n').map((l) => l.trimStart()[0])).toEqual(['a', '#', 'b', '#', '#', '#', '#', undefined]);
});

test('pin edits only the literal values of a template, and its edit reads back when the file is extracted again', () => {
  const file = 'charts/shop/templates/deployment.yaml';
  const { result, text } = extractFixture(here, 'deployment.yaml', file);
  const plans = result.occurrences.map((occ) => planPin(occ, occ.reference && { reference: occ.reference.canonical, status: 'resolved', digest: DIGEST, version: occ.reference.tag, versionSource: 'tag' }, text));
  const fixes = plans.filter((p) => p !== undefined && 'kind' in p);
  expect(fixes.map((f) => f.occurrence.raw)).toEqual(['docker.io/library/busybox:1.36.1', 'ghcr.io/acme/proxy:2.0.1']);
  const applied = applyFixes(file, text, fixes);
  expect(applied.dropped).toEqual([]);
  expect(applied.text).toContain(`image: ghcr.io/acme/proxy:2.0.1@${DIGEST}`);
  expect(applied.text).toContain('{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}');
  expect(applied.text.length).toBe(text.length + 2 * (DIGEST.length + 1));
});
