import { ref } from '../helpers/ref.js';
import { CredentialStore } from '../../src/resolver/credentials.js';
import { createResolver } from '../../src/resolver/index.js';
import { describeWithBinary, haveBinary } from '../harness/binaries.js';
import { pushImage } from '../harness/push.js';
import { TestRegistry } from '../harness/registry.js';
import { TokenServer } from '../harness/token-server.js';

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const dockerConfig = (host: string, user: string, password: string): CredentialStore =>
  CredentialStore.fromDockerConfig(JSON.stringify({ auths: { [host]: { auth: Buffer.from(`${user}:${password}`).toString('base64') } } }));

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'resolver against a registry with htpasswd (bcrypt) auth', () => {
  let registry: TestRegistry;
  let digest: string;

  beforeAll(async () => {
    registry = await TestRegistry.start({ mode: 'htpasswd', users: { ci: 's3cret' } });
    digest = await pushImage({ url: registry.url, authorization: () => basic('ci', 's3cret') }, 'team/api', ['1.0.0']);
  });
  afterAll(async () => registry?.stop());

  test('credentials from Docker config.json, scoped to the registry host, are sent as Basic auth', async () => {
    const stack = createResolver({ endpoints: [`ghcr.io=${registry.url}/v2`], credentials: dockerConfig(registry.host, 'ci', 's3cret') });
    expect(await stack.resolver.resolve(ref('ghcr.io/team/api:1.0.0'))).toMatchObject({ status: 'resolved', digest });
    await stack.close();
  });

  test('without credentials, or with wrong ones, the result is unauthorized and says which host needs them', async () => {
    for (const credentials of [undefined, dockerConfig(registry.host, 'ci', 'wrong'), dockerConfig('other.example.com', 'ci', 's3cret')]) {
      const stack = createResolver({ endpoints: [`ghcr.io=${registry.url}/v2`], credentials });
      const result = await stack.resolver.resolve(ref('ghcr.io/team/api:1.0.0'));
      expect(result.error).toEqual({ kind: 'unauthorized', retryable: false, message: `ghcr.io refused access to ghcr.io/team/api:1.0.0 (HTTP 401); it is private or the credentials for ${registry.host} are missing` });
      await stack.close();
    }
  });
});

const tokenTests = haveBinary('openssl') ? 'docker-registry' : 'openssl';
describeWithBinary(tokenTests, 'apt-get install docker-registry openssl', 'resolver against a registry in JWT token mode', () => {
  let tokens: TokenServer;
  let registry: TestRegistry;
  let digest: string;
  let clock = Date.now();

  beforeAll(async () => {
    tokens = new TokenServer({ ci: 's3cret' }, true);
    await tokens.start();
    registry = await TestRegistry.start({ mode: 'token', realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, certPath: tokens.certPath });
    digest = await pushImage({ url: registry.url, authorization: (repo) => `Bearer ${tokens.mint(repo, ['pull', 'push'])}` }, 'team/api', ['1.0.0', '1.0.1']);
  });
  afterAll(async () => {
    await registry?.stop();
    await tokens?.stop();
  });
  beforeEach(() => {
    tokens.requests.length = 0;
    tokens.expiresIn = 300;
  });

  test('16 concurrent lookups of one repository make one token request, with the pull scope', async () => {
    const stack = createResolver({ endpoints: [`quay.io=${registry.url}/v2`], allowHosts: ['127.0.0.1'] });
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => stack.resolver.resolve(ref(`quay.io/team/api:1.0.${i % 2}`))));
    expect(new Set(results.map((r) => r.status))).toEqual(new Set(['resolved']));
    expect(tokens.requests).toEqual([{ scope: 'repository:team/api:pull', service: 'imagepin-test' }]);
    expect(stack.http.stats.byKind).toEqual({ ping: 1, manifest: 2, tags: 0, token: 1, chart: 0 });
    await stack.close();
  });

  test('a realm on another port of the registry host gets no credentials unless the operator lists it', async () => {
    const stack = createResolver({ endpoints: [`quay.io=${registry.url}/v2`], allowHosts: ['127.0.0.1'], credentials: dockerConfig(registry.host, 'ci', 's3cret') });
    expect(await stack.resolver.resolve(ref('quay.io/team/api:1.0.0'))).toMatchObject({ status: 'resolved', digest });
    expect(tokens.requests).toEqual([{ scope: 'repository:team/api:pull', service: 'imagepin-test' }]);
    await stack.close();
  });

  test('credentials go to a realm the operator listed; the token is refreshed after it expires', async () => {
    tokens.expiresIn = 60;
    const tokenRealms = [`${registry.host}=${new URL(tokens.realm).origin}`];
    const stack = createResolver({ endpoints: [`quay.io=${registry.url}/v2`], allowHosts: ['127.0.0.1'], tokenRealms, credentials: dockerConfig(registry.host, 'ci', 's3cret'), now: () => clock, resolver: { tagTtlMs: 1 } });
    expect(await stack.resolver.resolve(ref('quay.io/team/api:1.0.0'))).toMatchObject({ status: 'resolved', digest });
    clock += 61_000;
    expect(await stack.resolver.resolve(ref('quay.io/team/api:1.0.0'))).toMatchObject({ status: 'resolved', digest });
    expect(tokens.requests).toEqual([
      { scope: 'repository:team/api:pull', service: 'imagepin-test', user: 'ci' },
      { scope: 'repository:team/api:pull', service: 'imagepin-test', user: 'ci' },
    ]);
    await stack.close();
  });

  test('a token the registry rejects is dropped and fetched again once', async () => {
    const stack = createResolver({ endpoints: [`quay.io=${registry.url}/v2`], allowHosts: ['127.0.0.1'], now: () => clock });
    // The first token is already expired (beyond the registry's 60 s leeway); the client cannot know.
    tokens.expiryPlan.push(-120);
    expect(await stack.resolver.resolve(ref('quay.io/team/api:1.0.1'))).toMatchObject({ status: 'resolved' });
    expect(tokens.requests.length).toBe(2);
    expect(stack.http.stats.byKind).toEqual({ ping: 1, manifest: 2, tags: 0, token: 2, chart: 0 });
    await stack.close();
  });
});
