import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { describeWithBinary } from '../harness/binaries.js';
import { delayingProxy } from '../harness/delaying-proxy.js';
import type { TestServer } from '../harness/http-server.js';
import { pushImage } from '../harness/push.js';
import { TestRegistry } from '../harness/registry.js';

async function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false }, { DOCKER_CONFIG: '/nonexistent', ...env });
  return { code, stdout, stderr };
}

/** What the JSON says of each reference: the claims a cached answer must repeat exactly. */
const claims = (stdout: string): unknown => (JSON.parse(stdout) as { occurrences: { raw: string; resolution: unknown }[] }).occurrences.map((o) => [o.raw, o.resolution]);

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'the CLI keeps registry answers on disk between runs', () => {
  let registry: TestRegistry;
  let proxy: TestServer;
  let dir: string;
  let cacheHome: string;
  let args: string[];

  beforeAll(async () => {
    registry = await TestRegistry.start();
    await pushImage({ url: registry.url }, 'library/nginx', ['1.27.3', 'latest'], 'oci-index');
    await pushImage({ url: registry.url }, 'metallb/controller', ['main', 'v0.14.8'], 'docker-v2');
    // Every request the CLI sends passes the proxy, which counts it before the registry answers.
    proxy = await delayingProxy(registry.url, 0).start();
    dir = mkdtempSync(join(tmpdir(), 'imagepin-cache-tree-'));
    const workload = (...images: string[]): string => ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:', '      containers:', ...images.map((image, i) => `        - {name: c${i}, image: ${image}}`), ''].join('\n');
    mkdirSync(join(dir, 'apps'));
    writeFileSync(join(dir, 'apps', 'deploy.yaml'), workload('nginx:latest', 'quay.io/metallb/controller:main'));
    mkdirSync(join(dir, 'storage'));
    writeFileSync(join(dir, 'storage', 'ceph.yaml'), workload('quay.io/ceph/ceph:v17.2.31'));
    args = ['scan', dir, '--format', 'json', '--endpoint', `docker.io=${proxy.url}/v2`, '--endpoint', `quay.io=${proxy.url}/v2`];
  });
  beforeEach(() => {
    cacheHome = mkdtempSync(join(tmpdir(), 'imagepin-cache-home-'));
    proxy.requests.length = 0;
  });
  afterEach(() => rmSync(cacheHome, { recursive: true, force: true }));
  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a warm re-run within the tag TTL sends no registry request and says the same, floating-tag releases included', async () => {
    const cold = await run(args, { XDG_CACHE_HOME: cacheHome });
    expect([cold.code, cold.stderr]).toEqual([0, '']);
    const coldRequests = proxy.requests.length;
    // Cold: the ping, HEADs of the tags, tag lists for the floating tags and the release candidates.
    expect(proxy.requests.some((r) => r.url.includes('/tags/list'))).toBe(true);
    const files = readdirSync(join(cacheHome, 'imagepin'));
    expect(files).toEqual([expect.stringMatching(/^registry-[0-9a-f]{16}\.json$/)]);
    expect(statSync(join(cacheHome, 'imagepin', files[0]!)).mode & 0o077).toBe(0);

    proxy.requests.length = 0;
    const warm = await run(args, { XDG_CACHE_HOME: cacheHome });
    expect([warm.code, warm.stderr]).toEqual([0, '']);
    expect(claims(warm.stdout)).toEqual(claims(cold.stdout));
    expect(JSON.stringify(claims(warm.stdout))).toContain('"version":"1.27.3","versionSource":"shared-digest"');
    // A tag that did not exist is not cached (as in the app): it is asked again, so a fix pushed since is seen.
    expect(proxy.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v2/', 'HEAD /v2/ceph/ceph/manifests/v17.2.31']);
    expect(JSON.stringify(claims(warm.stdout))).toContain('not-found');
    expect(coldRequests).toBeGreaterThan(2);

    // Only references that resolved: nothing at all reaches the registry.
    proxy.requests.length = 0;
    const apps = await run([...args.slice(0, 1), join(dir, 'apps'), ...args.slice(2)], { XDG_CACHE_HOME: cacheHome });
    expect([apps.code, apps.stderr]).toEqual([0, '']);
    expect(proxy.requests).toEqual([]);
    expect(JSON.stringify(claims(apps.stdout))).toContain('"version":"v0.14.8","versionSource":"shared-digest"');
  });

  test('--no-cache asks the registries and leaves no cache file', async () => {
    await run(args, { XDG_CACHE_HOME: cacheHome });
    proxy.requests.length = 0;
    const uncached = await run([...args, '--no-cache'], { XDG_CACHE_HOME: cacheHome });
    expect(uncached.code).toBe(0);
    expect(proxy.requests.filter((r) => r.method === 'HEAD').length).toBeGreaterThanOrEqual(3);
    rmSync(join(cacheHome, 'imagepin'), { recursive: true, force: true });
    await run([...args, '--no-cache'], { XDG_CACHE_HOME: cacheHome });
    expect(() => readdirSync(join(cacheHome, 'imagepin'))).toThrow();
  });

  test('answers given through other endpoints are not reused, and a corrupt cache file costs requests, not answers', async () => {
    await run(args, { XDG_CACHE_HOME: cacheHome });
    proxy.requests.length = 0;
    // The same images named through the registry directly: another scope, so asked again.
    const direct = await run(['scan', dir, '--format', 'json', '--endpoint', `docker.io=${registry.url}/v2`, '--endpoint', `quay.io=${registry.url}/v2`], { XDG_CACHE_HOME: cacheHome });
    expect(direct.code).toBe(0);
    expect(readdirSync(join(cacheHome, 'imagepin'))).toHaveLength(2);
    for (const f of readdirSync(join(cacheHome, 'imagepin'))) writeFileSync(join(cacheHome, 'imagepin', f), '{"format":1,"entries":');
    proxy.requests.length = 0;
    const again = await run(args, { XDG_CACHE_HOME: cacheHome });
    expect([again.code, again.stderr]).toEqual([0, '']);
    expect(proxy.requests.length).toBeGreaterThan(0);
    expect(claims(again.stdout)).toEqual(claims(direct.stdout));
    const rewritten = readdirSync(join(cacheHome, 'imagepin')).filter((f) => readFileSync(join(cacheHome, 'imagepin', f), 'utf8').startsWith('{"format":1,"entries":{'));
    expect(rewritten).toHaveLength(1);
  });

  test('a cache folder that cannot be written is a warning; the scan still reports everything', async () => {
    const blocked = join(cacheHome, 'not-a-folder');
    writeFileSync(blocked, '');
    const result = await run(args, { XDG_CACHE_HOME: blocked });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^imagepin: could not save the registry cache .*registry-[0-9a-f]{16}\.json: .*; the next run asks the registries again\n$/);
    expect(JSON.stringify(claims(result.stdout))).toContain('"versionSource":"shared-digest"');
  });
});
