import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { releaseChart } from '../../scripts/release-chart.js';
import { CHART, helm, helmTools, render, type K8sObject } from './helm.js';
import { schemaErrors } from './validate.js';

const tools = helmTools();
if ('error' in tools && process.env.CI !== 'true') console.warn(`\n!! SKIPPED: the Helm chart tests: ${tools.error}\n`);
const suite = 'bin' in tools || process.env.CI === 'true' ? describe : describe.skip;

const VALUE_SETS: Record<string, string[]> = {
  defaults: [],
  'split roles with Redis': ['mode=split', 'redis.url=rediss://:pw@redis.example.com:6380/0', 'worker.replicas=3'],
  'existing secrets, ingress, monitor': ['existingSecret=imagepin-app', 'redis.existingSecret=imagepin-redis', 'web.replicas=2', 'ingress.enabled=true', 'ingress.className=nginx', 'serviceMonitor.enabled=true', 'serviceAccount.create=false', 'podDisruptionBudget.enabled=false'],
  'split roles, monitored': ['mode=split', 'redis.url=redis://redis:6379', 'serviceMonitor.enabled=true'],
  'released chart with a digest': [`image.digest=sha256:${'0'.repeat(64)}`, 'settings.IMAGEPIN_ENDPOINTS=docker.io=https://harbor.example.com/v2/dockerhub'],
};
// Rendered objects are untyped JSON; the assertions below say what shape they expect.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Untyped = any;
const deployments = (objects: K8sObject[]) => objects.filter((o) => o.kind === 'Deployment') as Array<K8sObject & { spec: { template: { spec: Untyped } } }>;

suite('the Helm chart (helm/imagepin)', () => {
  const bin = 'bin' in tools ? tools.bin : '';
  beforeAll(() => {
    if ('error' in tools) throw new Error(`${tools.error} (CI must not skip the chart tests)`);
  });

  test.each(Object.entries(VALUE_SETS))('%s: lints strictly, renders objects valid against the Kubernetes schemas', async (_name, sets) => {
    helm(bin, ['lint', '--strict', CHART, ...sets.flatMap((s) => ['--set', s])]);
    const objects = render(bin, CHART, sets);
    expect(await schemaErrors(objects)).toEqual([]);
    for (const d of deployments(objects)) {
      const pod = d.spec.template.spec;
      const [container] = pod.containers;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
      expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      expect([container.livenessProbe.httpGet.path, container.readinessProbe.httpGet.path]).toEqual(['/healthz', '/readyz']);
    }
  });

  test('roles: one Deployment for all by default, web and worker in split mode; the Service reaches the webhook receivers', () => {
    const role = (objects: K8sObject[]) => deployments(objects).map((d) => [d.metadata.name, d.spec.template.spec.containers[0].env.find((e: { name: string }) => e.name === 'IMAGEPIN_ROLE').value]);
    expect(role(render(bin, CHART))).toEqual([['release-imagepin-all', 'all']]);
    const split = render(bin, CHART, VALUE_SETS['split roles with Redis']);
    expect(role(split)).toEqual([['release-imagepin-web', 'web'], ['release-imagepin-worker', 'worker']]);
    expect((split.find((o) => o.kind === 'Service') as Untyped).spec.selector['app.kubernetes.io/component']).toBe('web');
    const env = deployments(split)[1]!.spec.template.spec.containers[0].env;
    expect(env.find((e: { name: string }) => e.name === 'REDIS_URL').valueFrom.secretKeyRef).toEqual({ name: 'release-imagepin-redis', key: 'REDIS_URL' });
    expect(JSON.stringify(split.find((o) => o.kind === 'ConfigMap'))).not.toContain('rediss://');
  });

  test('monitoring: the ServiceMonitor scrapes the pods behind the Service; in split mode a PodMonitor scrapes the workers, whose jobs count the metrics', () => {
    const monitors = (sets: string[]) => render(bin, CHART, sets).filter((o) => o.kind.endsWith('Monitor')) as Untyped[];
    expect(monitors(['serviceMonitor.enabled=true']).map((m) => m.kind)).toEqual(['ServiceMonitor']);
    const split = monitors(VALUE_SETS['split roles, monitored']!);
    expect(split.map((m) => m.kind).sort()).toEqual(['PodMonitor', 'ServiceMonitor']);
    const pods = split.find((m) => m.kind === 'PodMonitor');
    expect([pods.spec.selector.matchLabels['app.kubernetes.io/component'], pods.spec.podMetricsEndpoints[0].port]).toEqual(['worker', 'metrics']);
    // The workers' pods carry the labels it selects and name the port it scrapes.
    const worker = (deployments(render(bin, CHART, VALUE_SETS['split roles, monitored']!)) as Untyped[]).find((d) => d.spec.template.metadata.labels['app.kubernetes.io/component'] === 'worker');
    expect(worker.spec.template.metadata.labels).toMatchObject(pods.spec.selector.matchLabels);
    expect(worker.spec.template.spec.containers[0].ports.map((p: Untyped) => p.name)).toContain('metrics');
    expect(monitors(['mode=split', 'redis.url=redis://redis:6379'])).toEqual([]);
  });

  test('bad values are refused with the fix: a typo, split mode or several web replicas without Redis, a malformed digest', () => {
    expect(() => render(bin, CHART, ['imagee.tag=1'])).toThrow(/additional properties 'imagee' not allowed/);
    expect(() => render(bin, CHART, ['mode=split'])).toThrow(/mode: split needs Redis: set redis.url or redis.existingSecret/);
    expect(() => render(bin, CHART, ['web.replicas=2'])).toThrow(/web.replicas > 1 needs Redis/);
    expect(() => render(bin, CHART, ['image.digest=sha256:abc'])).toThrow(/image.digest/);
  });

  test('the release step writes version and digest; the source chart runs the tag alone and says so', () => {
    const dest = join(mkdtempSync(join(tmpdir(), 'imagepin-chart-')), 'imagepin');
    try {
      releaseChart(CHART, dest, { version: '1.4.0', digest: `sha256:${'b'.repeat(64)}` });
      helm(bin, ['lint', '--strict', dest]);
      const image = (objects: K8sObject[]) => deployments(objects)[0]!.spec.template.spec.containers[0].image;
      expect(image(render(bin, dest))).toBe(`ghcr.io/imagepin/imagepin:1.4.0@sha256:${'b'.repeat(64)}`);
      expect(image(render(bin, CHART))).toBe('ghcr.io/imagepin/imagepin:0.1.0');
      expect(helm(bin, ['install', 'x', CHART, '--dry-run=client'])).toContain('This chart has no image digest');
      expect(() => releaseChart(CHART, `${dest}-2`, { version: '1.4', digest: 'sha256:b' })).toThrow(/not an image digest/);
    } finally {
      rmSync(join(dest, '..'), { recursive: true, force: true });
    }
  });
});

test('the schema check catches what a cluster would refuse', async () => {
  const broken = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'three', selector: {}, template: { spec: { containers: [{ name: 'x' }] } } } };
  expect((await schemaErrors([broken, { apiVersion: 'v9', kind: 'Nope', metadata: { name: 'y' } }])).map((e) => e.split(':')[0])).toEqual(['Deployment/x', 'Nope/y']);
});
