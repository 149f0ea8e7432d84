import { Redis } from 'ioredis';
import { RedisProtectionStore } from '../../src/app/fleet/redis-protection.js';
import { describeWithBinary } from '../harness/binaries.js';
import { TestRedis } from '../harness/redis.js';

const HOUR = 3_600_000;

describeWithBinary('redis-server', 'apt-get install redis-server', 'fleet: retention protection state in Redis, one settle period for every replica', () => {
  let redis: TestRedis;
  const clients: Redis[] = [];
  const client = () => {
    const c = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await redis?.stop();
  });

  test('two replicas started an hour apart agree on the fleet start (the first one); each sees the contributions the other swept', async () => {
    let now = 1_000 * HOUR;
    const a = new RedisProtectionStore(client(), 'p1', () => now);
    await a.begin();
    now += HOUR;
    const b = new RedisProtectionStore(client(), 'p1', () => now);
    await b.begin();
    expect([await a.since(), await b.since()]).toEqual([1_000 * HOUR, 1_000 * HOUR]);
    await a.put('acme/one', { at: now, tags: [{ registry: 'harbor.example', repository: 'team/web', tag: '1.2.3' }] });
    await b.put('acme/two', { at: now, tags: [] });
    expect([...(await b.all()).keys()].sort()).toEqual(['acme/one', 'acme/two']);
    expect(await b.get('acme/one')).toEqual({ at: now, tags: [{ registry: 'harbor.example', repository: 'team/web', tag: '1.2.3' }] });
    expect(await a.get('acme/none')).toBeUndefined();
    // Another installation (prefix) on the same Redis has its own start and set.
    const other = new RedisProtectionStore(client(), 'p2', () => now);
    expect([await other.since(), (await other.all()).size]).toEqual([now, 0]);
  });

  test('a Redis that lost its data loses the contributions and the start together: the settle period starts again, never from the old start', async () => {
    let now = 2_000 * HOUR;
    const c = client();
    const store = new RedisProtectionStore(c, 'p3', () => now);
    await store.begin();
    await store.put('acme/one', { at: now, tags: [] });
    await c.flushall();
    now += 5 * HOUR;
    expect([await store.since(), (await store.all()).size]).toEqual([now, 0]);
  });

  test('the per-project lock holds across replicas: the second holder runs after the first, never beside it', async () => {
    const a = new RedisProtectionStore(client(), 'p4', () => 0);
    const b = new RedisProtectionStore(client(), 'p4', () => 0);
    const events: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = a.exclusive('harbor.example/team', async () => {
      events.push('a in');
      entered();
      await held;
      events.push('a out');
    });
    await inside;
    const second = b.exclusive('harbor.example/team', async () => void events.push('b in'));
    // b is refused while a holds the lock: it has not run when a leaves.
    const third = b.exclusive('harbor.example/other', async () => void events.push('other project'));
    await third;
    release();
    await Promise.all([first, second]);
    expect(events).toEqual(['a in', 'other project', 'a out', 'b in']);
  });
});
