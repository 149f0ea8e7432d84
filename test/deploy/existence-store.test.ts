import { ImageExistence } from '../../src/deploy/exists.js';
import { createTrackerStore, MemoryExistenceStore } from '../../src/deploy/existence-store.js';
import { createResolver, type ResolverStack } from '../../src/resolver/index.js';
import { describeWithBinary } from '../harness/binaries.js';
import { pushImage } from '../harness/push.js';
import { RedisServer } from '../harness/redis-server.js';
import { TestRegistry } from '../harness/registry.js';

const TTL = 10 * 60_000;

describeWithBinary('redis-server', 'apt-get install redis-server', 'the deployment tracker\'s image-existence answers, shared through Redis', () => {
  let redis: RedisServer;
  let registry: TestRegistry;
  const stacks: ResolverStack[] = [];
  /** One replica's registry client (its own HTTP stack, so its requests are counted apart). */
  const replica = (): ResolverStack => {
    const stack = createResolver({ endpoints: [`registry.example=${registry.url}/v2`] });
    stacks.push(stack);
    return stack;
  };
  const image = (tag: string) => ({ registry: 'registry.example', repository: 'team/app', tag });

  beforeAll(async () => {
    [redis, registry] = await Promise.all([RedisServer.start(), TestRegistry.start()]);
    await pushImage({ url: registry.url }, 'team/app', ['1.0.0']);
  });
  afterAll(async () => {
    await Promise.all(stacks.map((s) => s.close()));
    await Promise.all([redis.stop(), registry.stop()]);
  });

  test('an answer found by one replica is used by another (or after a restart), with its TTL in Redis', async () => {
    const client = redis.client();
    await redis.ready();
    const [a, b] = [replica(), replica()];
    const first = new ImageExistence(a.client, Date.now, TTL, 100, createTrackerStore(client, 'tracker'));
    expect(await first.check(image('1.0.0'))).toEqual({ status: 'present' });
    expect(await first.check(image('9.9.9'))).toEqual({ status: 'missing', message: 'registry.example/team/app:9.9.9 does not exist in registry.example' });
    const asked = a.http.stats.requests;
    const second = new ImageExistence(b.client, Date.now, TTL, 100, createTrackerStore(redis.client(), 'tracker'));
    await redis.ready();
    expect(await second.check(image('1.0.0'))).toEqual({ status: 'present' });
    expect(await second.check(image('9.9.9'))).toMatchObject({ status: 'missing' });
    expect(b.http.stats.requests).toBe(0);
    expect(asked).toBeGreaterThan(0);
    const ttl = await client.pttl('tracker:exists:registry.example/team/app:1.0.0');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(TTL);
  });

  test('Redis away: the registry is asked (a miss), the answer is still right, and nothing throws', async () => {
    const client = redis.client();
    await redis.ready();
    const stack = replica();
    const existence = new ImageExistence(stack.client, Date.now, TTL, 100, createTrackerStore(client, 'away'));
    await redis.down(async () => {
      expect(await existence.check(image('1.0.0'))).toEqual({ status: 'present' });
      expect(await existence.check(image('2.0.0'))).toMatchObject({ status: 'missing' });
      expect(stack.http.stats.requests).toBeGreaterThan(0);
    });
  });

  test('in memory (the embedded mode): concurrent checks share one request, and an answer is kept for its TTL only', async () => {
    let now = 1_000;
    const stack = replica();
    const existence = new ImageExistence(stack.client, () => now, TTL, 100, new MemoryExistenceStore(() => now, 100));
    const answers = await Promise.all([existence.check(image('1.0.0')), existence.check(image('1.0.0'))]);
    expect(answers).toEqual([{ status: 'present' }, { status: 'present' }]);
    const once = stack.http.stats.byKind.manifest;
    expect(once).toBe(1);
    await existence.check(image('1.0.0'));
    expect(stack.http.stats.byKind.manifest).toBe(once);
    now += TTL;
    await existence.check(image('1.0.0'));
    expect(stack.http.stats.byKind.manifest).toBe(once + 1);
  });
});
