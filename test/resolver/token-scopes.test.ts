import { ref } from '../helpers/ref.js';
import { createResolver } from '../../src/resolver/index.js';
import { describeWithBinary, haveBinary } from '../harness/binaries.js';
import { pushImage, retag } from '../harness/push.js';
import { TestRegistry } from '../harness/registry.js';
import { TokenServer } from '../harness/token-server.js';

const repositories = Array.from({ length: 12 }, (_, i) => `team/svc-${i}`);

const tokenTests = haveBinary('openssl') ? 'docker-registry' : 'openssl';
describeWithBinary(tokenTests, 'apt-get install docker-registry openssl', 'one token for several repositories (JWT token mode)', () => {
  let tokens: TokenServer;
  let registry: TestRegistry;
  let digest: string;

  beforeAll(async () => {
    tokens = new TokenServer({}, true);
    await tokens.start();
    registry = await TestRegistry.start({ mode: 'token', realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, certPath: tokens.certPath });
    const target = { url: registry.url, authorization: (repo: string) => `Bearer ${tokens.mint(repo, ['pull', 'push'])}` };
    digest = await pushImage(target, repositories[0]!, ['1.0.0']);
    for (const repository of repositories.slice(1)) await pushImage(target, repository, ['1.0.0']);
    await retag(target, repositories[0]!, '1.0.0', ['1.0.1']);
  });
  afterAll(async () => {
    await registry?.stop();
    await tokens?.stop();
  });
  beforeEach(() => {
    tokens.requests.length = 0;
    tokens.firstScopeOnly = false;
  });

  const resolveAll = async () => {
    const stack = createResolver({ endpoints: [`ghcr.io=${registry.url}/v2`], allowHosts: ['127.0.0.1'] });
    try {
      return await stack.resolver.resolveAll([...repositories.map((r) => ref(`ghcr.io/${r}:1.0.0`)), ref(`ghcr.io/${repositories[0]!}:1.0.1`)]);
    } finally {
      await stack.close();
    }
  };

  test('12 repositories looked up at once take fewer token requests than repositories, at most 10 scopes each, and all resolve', async () => {
    const results = await resolveAll();
    expect([...results.values()].filter((r) => r.status === 'resolved')).toHaveLength(13);
    expect(results.get(`ghcr.io/${repositories[0]!}:1.0.1`)?.digest).toBe(digest);
    const asked = tokens.requests.flatMap((r) => r.scopes ?? [r.scope]);
    expect(new Set(asked)).toEqual(new Set(repositories.map((r) => `repository:${r}:pull`)));
    expect(tokens.requests.length).toBeLessThan(repositories.length);
    expect(Math.max(...tokens.requests.map((r) => (r.scopes ?? [r.scope]).length))).toBeLessThanOrEqual(10);
  });

  test('a token service that grants only the first scope of a batch: the token serves that one, every other repository asks on its own', async () => {
    tokens.firstScopeOnly = true;
    const results = await resolveAll();
    expect([...results.values()].filter((r) => r.status === 'resolved')).toHaveLength(13);
    const batches = tokens.requests.filter((r) => r.scopes);
    expect(batches.length).toBeGreaterThan(0);
    // Every scope a batch asked for but (after the first) was not granted got a request of its own.
    const singles = new Set(tokens.requests.filter((r) => !r.scopes).map((r) => r.scope));
    for (const batch of batches) for (const scope of batch.scopes!.slice(1)) expect(singles).toContain(scope);
    expect(singles).not.toContain(batches[0]!.scopes![0]);
  });
});
