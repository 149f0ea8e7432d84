import { createHash } from 'node:crypto';
import { defaultConfig } from '../../src/config/schema.js';
import { analyze } from '../../src/engine/analyze.js';
import { toMarkdown } from '../../src/reporters/markdown.js';
import { applyByFile } from '../../src/fixers/apply.js';
import { planFixes } from '../../src/fixers/plan.js';
import { createResolver, type ResolverStack } from '../../src/resolver/index.js';
import { MemorySource } from '../../src/sources/memory.js';
import { describeWithBinary } from '../harness/binaries.js';
import { packChart } from '../harness/chart.js';
import { TestServer } from '../harness/http-server.js';
import { pushBlob, pushImage, pushManifest } from '../harness/push.js';
import { TestRegistry } from '../harness/registry.js';

const CHART_VALUES = `# defaults of the registry chart
database:
  internal:
    image:
      repository: goharbor/harbor-db
      tag: dev
      pullPolicy: IfNotPresent
core:
  image:
    repository: goharbor/harbor-core
    tag: v2.11.0
redis:
  image:
    repository: goharbor/redis-photon
`;

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'chart defaults: the images a chart deploys that the repository never writes down', () => {
  let registry: TestRegistry;
  let helmRepo: TestServer;
  let stack: ResolverStack;
  const d: Record<string, string> = {};

  beforeAll(async () => {
    registry = await TestRegistry.start();
    const target = { url: registry.url };
    d.db = await pushImage(target, 'goharbor/harbor-db', ['dev']);
    d.dbRelease = await pushImage(target, 'goharbor/harbor-db', ['v2.11.1']);
    d.core = await pushImage(target, 'goharbor/harbor-core', ['v2.11.1']);
    d.redis = await pushImage(target, 'goharbor/redis-photon', ['v2.11.1']);
    const archive = await packChart({ name: 'registry', version: '1.15.1', appVersion: 'v2.11.1', values: CHART_VALUES });
    const older = await packChart({ name: 'registry', version: '1.14.0', appVersion: 'v2.10.0', values: CHART_VALUES.replace('tag: dev', 'tag: v2.10.0').replace('tag: v2.11.0', 'tag: v2.10.0') });
    const digest = `sha256:${createHash('sha256').update(archive).digest('hex')}`;
    helmRepo = await new TestServer((req, res) => {
      if (req.url === '/index.yaml') return void res.writeHead(200).end(`apiVersion: v1\nentries:\n  registry:\n    - version: 1.15.1\n      digest: ${digest}\n      urls: [registry-1.15.1.tgz]\n    - version: 1.14.0\n      urls: [registry-1.14.0.tgz]\n`);
      if (req.url === '/registry-1.15.1.tgz') return void res.writeHead(200).end(archive);
      if (req.url === '/registry-1.14.0.tgz') return void res.writeHead(200).end(older);
      res.writeHead(404).end();
    }).start();
    // The same chart as an OCI artifact, with Helm's media types.
    const config = Buffer.from('{"name":"registry","version":"1.15.1"}');
    const configDigest = await pushBlob(target, 'charts/registry', config);
    const layerDigest = await pushBlob(target, 'charts/registry', archive);
    await pushManifest(target, 'charts/registry', '1.15.1', 'application/vnd.oci.image.manifest.v1+json', {
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.cncf.helm.config.v1+json', digest: configDigest, size: config.length },
      layers: [{ mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', digest: layerDigest, size: archive.length }],
    });
  });
  afterAll(async () => {
    await helmRepo?.stop();
    await registry?.stop();
  });
  beforeEach(() => {
    stack = createResolver({ endpoints: [`docker.io=${registry.url}/v2`], allowHosts: ['127.0.0.1'] });
  });
  afterEach(() => stack.close());

  const release = (url: string) => `apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata: {name: goharbor, namespace: flux-system}
spec:
  url: ${url}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: harbor, namespace: registry}
spec:
  chart:
    spec:
      chart: registry
      version: "~1.15.0"
      sourceRef: {kind: HelmRepository, name: goharbor, namespace: flux-system}
  values:
    core:
      image:
        tag: v2.11.1@DIGEST
`;

  test('incident 1: a HelmRelease whose chart defaults its database to :dev with IfNotPresent', async () => {
    const head = new MemorySource({ 'apps/harbor.yaml': release(helmRepo.url).replace('DIGEST', d.core!) });
    const { inventory, findings } = await analyze({ head, config: defaultConfig(), resolver: stack.resolver, charts: stack.charts });
    const defaults = inventory.occurrences.filter((o) => o.origin === 'chart-default');
    expect(defaults[1]?.notes?.[0]).toBe('tag set by the repository; repository from the chart');
    expect(defaults.map((o) => [o.reference?.canonical, o.path.join('.'), o.notes?.at(-1)])).toEqual([
      ['docker.io/goharbor/harbor-db:dev', 'spec.values.database.internal.image', 'from the defaults of chart registry 1.15.1 (values database.internal.image)'],
      [`docker.io/goharbor/harbor-core:v2.11.1@${d.core}`, 'spec.values.core.image', 'from the defaults of chart registry 1.15.1 (values core.image)'],
      ['docker.io/goharbor/redis-photon:v2.11.1', 'spec.values.redis.image', "tag assumed to be the chart's appVersion v2.11.1, as most charts do"],
    ]);
    expect(findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}:${f.span.start.line} ${f.reference}`)).toEqual([
      'error floating-tag apps/harbor.yaml:14 docker.io/goharbor/harbor-db:dev',
      'warning pull-policy-skew apps/harbor.yaml:14 docker.io/goharbor/harbor-db:dev',
      'warning unpinned-digest apps/harbor.yaml:14 docker.io/goharbor/redis-photon:v2.11.1',
      'warning floating-chart-version apps/harbor.yaml:14 undefined',
    ]);
    expect(findings[0]?.message).toContain('no release shares its digest');
    // The fix names the chart's own release (appVersion v2.11.1), not the rolling default frozen by digest.
    expect(findings[0]?.fix).toBe(`Move to a release: the chart's own release (its appVersion) \`goharbor/harbor-db:v2.11.1@${d.dbRelease}\`. The pin imagepin proposes uses \`v2.11.1\` (the chart's own, the version the chart was made and tested for).`);
    const comment = toMarkdown(inventory, findings);
    expect(comment).toContain('<details open><summary>Images the charts deploy by default (3)</summary>');
    expect(comment).toContain('- `apps/harbor.yaml:14` chart `registry`, `spec.values.database.internal.image`: `goharbor/harbor-db:dev`');
  });

  test('the fix: an override in the HelmRelease values pins each chart default (a rolling one to the chart\'s appVersion), confirmed by merging again', async () => {
    const text = release(helmRepo.url).replace('DIGEST', d.core!);
    const { inventory } = await analyze({ head: new MemorySource({ 'apps/harbor.yaml': text }), config: defaultConfig(), resolver: stack.resolver, charts: stack.charts });
    const { fixes, skipped } = await planFixes(inventory, { pin: true, mirror: false, config: defaultConfig(), resolver: stack.resolver, text: () => text });
    expect(skipped).toEqual([]);
    const { changes, dropped } = applyByFile(fixes, () => text);
    expect(dropped).toEqual([]);
    expect(changes[0]?.after).toBe(text.replace(`        tag: v2.11.1@${d.core}\n`, `        tag: v2.11.1@${d.core}\n    database:\n      internal:\n        image:\n          tag: "v2.11.1@${d.dbRelease}"\n    redis:\n      image:\n        tag: "v2.11.1@${d.redis}"\n`));
    expect(changes[0]?.after).not.toContain(d.db);
    expect(fixes.find((f) => f.from === 'docker.io/goharbor/harbor-db:dev')?.why).toBe("chart default dev moved to v2.11.1, the chart's own release (its appVersion), by an override at spec.values.database.internal.image");
    const again = await analyze({ head: new MemorySource({ 'apps/harbor.yaml': changes[0]!.after }), config: defaultConfig(), resolver: stack.resolver, charts: stack.charts });
    expect(again.findings.map((f) => f.ruleId)).toEqual(['floating-chart-version']);
  });

  test('a chart version bump shows which default images change between the two versions', async () => {
    const text = release(helmRepo.url).replace('DIGEST', d.core!);
    const head = new MemorySource({ 'apps/harbor.yaml': text });
    const base = new MemorySource({ 'apps/harbor.yaml': text.replace('"~1.15.0"', '1.14.0') });
    const { chartChanges } = await analyze({ head, base, config: defaultConfig(), resolver: stack.resolver, charts: stack.charts });
    expect(chartChanges).toEqual([{
      file: 'apps/harbor.yaml', line: 14, chart: 'registry', from: '1.14.0', to: '~1.15.0',
      images: [
        { path: 'spec.values.database.internal.image', before: 'docker.io/goharbor/harbor-db:v2.10.0', after: 'docker.io/goharbor/harbor-db:dev' },
        { path: 'spec.values.redis.image', before: 'docker.io/goharbor/redis-photon:v2.10.0', after: 'docker.io/goharbor/redis-photon:v2.11.1' },
      ],
    }]);
    expect(toMarkdown((await analyze({ head, config: defaultConfig() })).inventory, [], { chartChanges })).toContain('#### Default images of `registry` `1.14.0` → `~1.15.0`\n\n`apps/harbor.yaml:14`\n\n- `spec.values.database.internal.image`: `docker.io/goharbor/harbor-db:v2.10.0` → `docker.io/goharbor/harbor-db:dev`');
  });

  test('the same chart from an OCI registry (Argo CD writes it without a scheme)', async () => {
    const app = `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: harbor}\nspec:\n  source:\n    repoURL: ${registry.host}/charts\n    chart: registry\n    targetRevision: 1.15.1\n    helm:\n      valuesObject:\n        redis:\n          image:\n            tag: v2.11.1@${d.redis}\n`;
    const { inventory } = await analyze({ head: new MemorySource({ 'apps/harbor.yaml': app }), config: defaultConfig(), resolver: stack.resolver, charts: stack.charts });
    expect(inventory.diagnostics).toEqual([]);
    expect(inventory.occurrences.filter((o) => o.origin === 'chart-default').map((o) => o.reference?.canonical)).toEqual([
      'docker.io/goharbor/harbor-db:dev', 'docker.io/goharbor/harbor-core:v2.11.0', `docker.io/goharbor/redis-photon:v2.11.1@${d.redis}`,
    ]);
  });

  test('a Flux HelmRelease chartRef to an OCIRepository', async () => {
    const text = `apiVersion: source.toolkit.fluxcd.io/v1beta2\nkind: OCIRepository\nmetadata: {name: registry-chart, namespace: registry}\nspec:\n  url: oci://${registry.host}/charts/registry\n  ref:\n    tag: 1.15.1\n---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: harbor, namespace: registry}\nspec:\n  chartRef: {kind: OCIRepository, name: registry-chart}\n`;
    const { inventory } = await analyze({ head: new MemorySource({ 'apps/harbor.yaml': text }), config: defaultConfig(), resolver: stack.resolver, charts: stack.charts });
    expect(inventory.occurrences.filter((o) => o.origin === 'chart-default').map((o) => o.reference?.canonical)).toEqual([
      'docker.io/goharbor/harbor-db:dev', 'docker.io/goharbor/harbor-core:v2.11.0', 'docker.io/goharbor/redis-photon:v2.11.1',
    ]);
  });

  test('local charts: a HelmRelease on a GitRepository path, and an Argo CD git source holding a Chart.yaml', async () => {
    const files = {
      'charts/app/Chart.yaml': 'apiVersion: v2\nname: app\nversion: 0.3.0\nappVersion: "2.0.0"\n',
      'charts/app/values.yaml': 'image:\n  repository: ghcr.io/acme/app\nworker:\n  image: ghcr.io/acme/worker:main\n',
      'apps/flux.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: app}\nspec:\n  chart:\n    spec:\n      chart: ./charts/app\n      sourceRef: {kind: GitRepository, name: flux-system}\n  values:\n    worker:\n      image: ghcr.io/acme/worker:1.0.0\n',
      'apps/argo.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: app}\nspec:\n  source:\n    repoURL: https://github.com/acme/gitops.git\n    path: charts/app\n    targetRevision: v1.2.0\n',
    };
    const { inventory } = await analyze({ head: new MemorySource(files), config: defaultConfig(), charts: stack.charts });
    expect(inventory.occurrences.filter((o) => o.origin === 'chart-default').map((o) => `${o.file} ${o.reference?.canonical}`)).toEqual([
      'apps/argo.yaml ghcr.io/acme/app:2.0.0', 'apps/argo.yaml ghcr.io/acme/worker:main', 'apps/flux.yaml ghcr.io/acme/app:2.0.0',
    ]);
  });

  test('a two-part appVersion the registry confirms as a release (nothing below it) is the chart\'s own release; a partial one is not', async () => {
    const target = { url: registry.url };
    const release = await pushImage(target, 'acme/cache', ['7.2']);
    await pushImage(target, 'acme/cache', ['latest']);
    await pushImage(target, 'acme/queue', ['3.1', 'latest']);
    await pushImage(target, 'acme/queue', ['3.1.4']);
    const files = {
      'charts/cache/Chart.yaml': 'apiVersion: v2\nname: cache\nversion: 0.1.0\nappVersion: "7.2"\n',
      'charts/cache/values.yaml': 'image:\n  repository: acme/cache\n  tag: latest\n',
      'charts/queue/Chart.yaml': 'apiVersion: v2\nname: queue\nversion: 0.1.0\nappVersion: "3.1"\n',
      'charts/queue/values.yaml': 'image:\n  repository: acme/queue\n  tag: latest\n',
      'apps/cache.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: cache}\nspec:\n  chart:\n    spec:\n      chart: ./charts/cache\n      sourceRef: {kind: GitRepository, name: flux-system}\n',
      'apps/queue.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: queue}\nspec:\n  chart:\n    spec:\n      chart: ./charts/queue\n      sourceRef: {kind: GitRepository, name: flux-system}\n',
    };
    const { inventory } = await analyze({ head: new MemorySource(files), config: defaultConfig(), resolver: stack.resolver, charts: stack.charts });
    const options = (file: string) => inventory.releaseOptions?.get(inventory.occurrences.find((o) => o.origin === 'chart-default' && o.file === file)!);
    expect(options('apps/cache.yaml')).toMatchObject({ chart: { tag: '7.2', digest: release }, chosen: 'chart' });
    // `3.1` has 3.1.4 below it: a partial version, not the chart's release; `latest` shares only 3.1's digest, so the fix takes the newest release, 3.1.4.
    expect(options('apps/queue.yaml')?.chart).toBeUndefined();
    expect(options('apps/queue.yaml')).toMatchObject({ chosen: 'newest', newest: { tag: '3.1.4' } });
  });

  test('an unreachable chart repository is explained, and everything else is still checked', async () => {
    const head = new MemorySource({ 'apps/harbor.yaml': release('http://127.0.0.1:9').replace('DIGEST', d.core!) });
    const { inventory, findings } = await analyze({ head, config: defaultConfig(), resolver: stack.resolver, charts: stack.charts });
    expect(inventory.diagnostics).toEqual([expect.objectContaining({ code: 'chart-unavailable', file: 'apps/harbor.yaml', message: expect.stringContaining('chart registry ~1.15.0 from http://127.0.0.1:9 could not be read, so its default images are not checked') })]);
    expect(findings.map((f) => f.ruleId)).toEqual(['floating-chart-version']);
  });
});
