import { ref } from '../helpers/ref.js';
import { createResolver, type ResolverStack } from '../../src/resolver/index.js';
import { MemoryCache } from '../../src/resolver/cache.js';
import { describeWithBinary } from '../harness/binaries.js';
import { pushImage, type PushTarget } from '../harness/push.js';
import { TestRegistry } from '../harness/registry.js';


describeWithBinary('docker-registry', 'apt-get install docker-registry', 'resolver against a real open registry', () => {
  let registry: TestRegistry;
  let target: PushTarget;
  let stack: ResolverStack;
  const digests: Record<string, string> = {};

  beforeAll(async () => {
    registry = await TestRegistry.start();
    target = { url: registry.url };
    digests.nginx = await pushImage(target, 'library/nginx', ['1.27.3', '1.27', 'latest'], 'docker-list');
    digests.nginxOld = await pushImage(target, 'library/nginx', ['1.26.2'], 'docker-list');
    digests.ceph = await pushImage(target, 'ceph/ceph', ['v18.2.4'], 'oci-index');
    digests.metallb = await pushImage(target, 'metallb/controller', ['main'], 'docker-v2');
    await pushImage(target, 'metallb/controller', ['v0.14.8', 'v0.14.7'], 'docker-v2');
    digests.app = await pushImage(target, 'acme/app', ['2.0.0'], 'oci-manifest');
  });

  afterAll(async () => {
    await registry?.stop();
  });

  beforeEach(() => {
    stack = createResolver({ endpoints: [`docker.io=${registry.url}/v2`, `quay.io=${registry.url}/v2`, `ghcr.io=${registry.url}/v2`] });
  });

  afterEach(async () => {
    await stack.close();
  });

  test('each kind of manifest resolves to the digest that was pushed (the index digest for multi-arch)', async () => {
    const results = await stack.resolver.resolveAll([ref('nginx:1.27.3'), ref('quay.io/ceph/ceph:v18.2.4'), ref('ghcr.io/acme/app:2.0.0'), ref('quay.io/metallb/controller:main')]);
    expect([...results.values()].map((r) => [r.reference, r.status, r.digest, r.mediaType])).toEqual([
      ['docker.io/library/nginx:1.27.3', 'resolved', digests.nginx, 'application/vnd.docker.distribution.manifest.list.v2+json'],
      ['quay.io/ceph/ceph:v18.2.4', 'resolved', digests.ceph, 'application/vnd.oci.image.index.v1+json'],
      ['ghcr.io/acme/app:2.0.0', 'resolved', digests.app, 'application/vnd.oci.image.manifest.v1+json'],
      ['quay.io/metallb/controller:main', 'resolved', digests.metallb, 'application/vnd.docker.distribution.manifest.v2+json'],
    ]);
  });

  test('one HEAD per unique tag, duplicates resolved once, no GET', async () => {
    const refs = ['nginx:1.27.3', 'docker.io/library/nginx:1.27.3', 'nginx:1.26.2', 'ghcr.io/acme/app:2.0.0', 'ghcr.io/acme/app:2.0.0'].map(ref);
    await stack.resolver.resolveAll(refs);
    // One ping per endpoint learns that it needs no auth; then exactly one HEAD for each of the 3 unique references.
    expect(stack.http.stats.byKind).toEqual({ ping: 1, manifest: 3, tags: 0, token: 0, chart: 0 });
  });

  test('a floating tag is mapped to the release tag that shares its digest', async () => {
    const results = await stack.resolver.resolveAll([ref('nginx:latest'), ref('nginx:1.27'), ref('nginx')]);
    expect([...results.values()].map((r) => [r.reference, r.digest, r.version, r.versionSource])).toEqual([
      ['docker.io/library/nginx:latest', digests.nginx, '1.27.3', 'shared-digest'],
      ['docker.io/library/nginx:1.27', digests.nginx, '1.27.3', 'shared-digest'],
      ['docker.io/library/nginx', digests.nginx, '1.27.3', 'shared-digest'],
    ]);
  });

  test('a floating tag that no release shares is a development build', async () => {
    const result = await stack.resolver.resolve(ref('quay.io/metallb/controller:main'));
    expect([result.digest, result.version, result.versionSource]).toEqual([digests.metallb, undefined, 'development-build']);
  });

  test('tag@digest: the pinned digest exists, and a stale pin is told apart from a current one', async () => {
    const current = await stack.resolver.resolve(ref(`nginx:1.27.3@${digests.nginx}`));
    const stale = await stack.resolver.resolve(ref(`nginx:1.27.3@${digests.nginxOld}`));
    const missing = await stack.resolver.resolve(ref(`nginx:1.27.3@sha256:${'0'.repeat(64)}`));
    expect([current.pinned, stale.pinned, missing.pinned]).toEqual([
      { digest: digests.nginx, exists: true, tagMatches: true },
      { digest: digests.nginxOld, exists: true, tagMatches: false },
      { digest: `sha256:${'0'.repeat(64)}`, exists: false, tagMatches: false },
    ]);
  });

  test('a tag that does not exist is not-found with the reference in the message (incident 2)', async () => {
    const result = await stack.resolver.resolve(ref('quay.io/ceph/ceph:v17.2.31'));
    expect(result).toMatchObject({ status: 'unresolved', error: { kind: 'not-found', message: 'quay.io/ceph/ceph:v17.2.31 does not exist in quay.io', retryable: false } });
  });

  test('platforms, when asked for: from an index, or from a single manifest\'s config', async () => {
    const withPlatforms = createResolver({ endpoints: [`docker.io=${registry.url}/v2`, `quay.io=${registry.url}/v2`, `ghcr.io=${registry.url}/v2`], resolver: { platforms: true } });
    const results = await withPlatforms.resolver.resolveAll([ref('nginx:1.27.3'), ref('quay.io/ceph/ceph:v18.2.4'), ref('ghcr.io/acme/app:2.0.0')]);
    expect([...results.values()].map((r) => r.platforms)).toEqual([['linux/amd64', 'linux/arm64'], ['linux/amd64', 'linux/arm64'], ['linux/amd64']]);
    // Without the option, no GET is made at all.
    await stack.resolver.resolveAll([ref('nginx:1.27.3')]);
    expect(stack.http.stats.byKind.manifest).toBe(1);
    await withPlatforms.close();
  });

  test('warm cache: a second analysis of digest-pinned references sends no request at all', async () => {
    const cache = new MemoryCache();
    const pinned = [ref(`nginx@${digests.nginx}`), ref(`ghcr.io/acme/app@${digests.app}`)];
    const first = createResolver({ endpoints: [`docker.io=${registry.url}/v2`, `ghcr.io=${registry.url}/v2`], cache });
    await first.resolver.resolveAll(pinned);
    await first.close();
    const second = createResolver({ endpoints: [`docker.io=${registry.url}/v2`, `ghcr.io=${registry.url}/v2`], cache });
    const results = await second.resolver.resolveAll(pinned);
    expect([...results.values()].map((r) => r.digest)).toEqual([digests.nginx, digests.app]);
    expect(second.http.stats.requests).toBe(0);
    await second.close();
  });
});
