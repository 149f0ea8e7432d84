import { ref } from '../helpers/ref.js';
import { createResolver } from '../../src/resolver/index.js';
import { describeWithBinary } from '../harness/binaries.js';
import type { TestServer } from '../harness/http-server.js';
import { paginatingProxy } from '../harness/paginating-proxy.js';
import { pushImage, pushManifest } from '../harness/push.js';
import { TestRegistry } from '../harness/registry.js';


describeWithBinary('docker-registry', 'apt-get install docker-registry', 'tag listing with Link pagination', () => {
  let registry: TestRegistry;
  let proxy: TestServer;
  let latest: string;

  beforeAll(async () => {
    registry = await TestRegistry.start();
    proxy = await paginatingProxy(registry.url, 100).start();
    const target = { url: registry.url };
    // 250 old releases share one image; the newest release shares `latest`'s digest.
    await pushImage(target, 'acme/app', ['0.1.0']);
    const old = await (await fetch(`${registry.url}/v2/acme/app/manifests/0.1.0`, { headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' } })).json();
    for (let i = 1; i < 250; i++) await pushManifest(target, 'acme/app', `0.1.${i}`, 'application/vnd.docker.distribution.manifest.v2+json', old);
    latest = await pushImage(target, 'acme/app', ['latest', '1.0.0', '1.0.0-alpine']);
  });
  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  test('every page is followed, and the release behind latest is found among 253 tags', async () => {
    const stack = createResolver({ endpoints: [`ghcr.io=${proxy.url}/v2`] });
    const tags = await stack.client.tags('ghcr.io', 'acme/app');
    expect(tags).toHaveLength(253);
    // The client asks for 1,000; the proxy caps pages at 100 and the client follows `Link` twice.
    const calls = proxy.requests.filter((r) => r.url.includes('/tags/list')).map((r) => r.url);
    expect(calls).toHaveLength(3);
    expect(calls[0]).toBe('/v2/acme/app/tags/list?n=1000');
    for (const call of calls.slice(1)) expect(call).toMatch(/^\/v2\/acme\/app\/tags\/list\?n=100&last=0\.1\.\d+$/);
    const result = await stack.resolver.resolve(ref('ghcr.io/acme/app:latest'));
    expect(result).toMatchObject({ digest: latest, version: '1.0.0', versionSource: 'shared-digest' });
    await stack.close();
  });
});
