import type { Redis } from 'ioredis';
import { RegistryHttp } from '../../src/resolver/http.js';
import { InProcessLimiter, type RequestLimiter } from '../../src/resolver/limiter.js';
import { createSharedLimiter } from '../../src/resolver/redis-limiter.js';
import { HostGuard } from '../../src/resolver/ssrf.js';
import { describeWithBinary } from '../harness/binaries.js';
import { CountingServer } from '../harness/counting-server.js';
import { RedisServer } from '../harness/redis-server.js';

const LIMIT = 3;

describeWithBinary('redis-server', 'apt-get install redis-server', 'the fleet-wide request limit, on a real Redis', () => {
  let redis: RedisServer;
  let server: CountingServer;
  const stacks: RegistryHttp[] = [];

  beforeAll(async () => {
    redis = await RedisServer.start();
    server = await new CountingServer(LIMIT, 0).start();
  });
  afterAll(async () => {
    await Promise.all(stacks.map((s) => s.close()));
    await redis.stop();
    await server.stop();
  });

  /** One replica's HTTP stack: the public limit is LIMIT per host. */
  function replica(limiter: RequestLimiter): RegistryHttp {
    const http = new RegistryHttp({ guard: new HostGuard([server.host]), hostLimits: { public: { concurrency: LIMIT }, operator: { concurrency: 99 }, hosts: [] }, limiter, retries: 0 });
    stacks.push(http);
    return http;
  }

  async function burst(replicas: RegistryHttp[], each: number): Promise<number[]> {
    server.reset(replicas.length * each);
    const sent = replicas.flatMap((http, r) => Array.from({ length: each }, (_, i) => http.request(`${server.url}/v2/app/manifests/r${r}-${i}`, { method: 'HEAD', kind: 'manifest' })));
    return (await Promise.all(sent)).map((response) => response.status);
  }

  /**
   * Two replicas with their own limiters each send LIMIT at once to a server that answers none until
   * 2 × LIMIT wait together: only two separate limits get that far (one shared limit would stall).
   */
  async function twoSeparateLimits(limiters: RequestLimiter[]): Promise<void> {
    const hold = await new CountingServer(2 * LIMIT, 2 * LIMIT).start();
    const settings = { public: { concurrency: LIMIT }, operator: { concurrency: 99 }, hosts: [] };
    const two = limiters.map((limiter) => new RegistryHttp({ guard: new HostGuard([hold.host]), hostLimits: settings, limiter }));
    await redis.ready();
    await Promise.all(two.flatMap((http, r) => Array.from({ length: LIMIT }, (_, i) => http.request(`${hold.url}/v2/app/manifests/${r}-${i}`, { method: 'HEAD', kind: 'manifest' }))));
    expect(hold.maxInFlight).toBe(2 * LIMIT);
    expect(two.map((h) => h.stats.requests)).toEqual([LIMIT, LIMIT]);
    await Promise.all(two.map((h) => h.close()));
    await hold.stop();
  }

  test('control: two replicas with in-process limits send twice the limit at once', async () => {
    await twoSeparateLimits([new InProcessLimiter(), new InProcessLimiter()]);
  });

  test('two replicas sharing one Redis never have more than the fleet limit in flight at the registry', async () => {
    const a = replica(createSharedLimiter(redis.client(), 'fleet-a'));
    const b = replica(createSharedLimiter(redis.client(), 'fleet-a'));
    await redis.ready();
    const statuses = await burst([a, b], 20);
    expect(statuses).toEqual(Array(40).fill(200));
    expect(server.maxInFlight).toBe(LIMIT);
    expect(a.stats.requests + b.stats.requests).toBe(40);
  });

  test('the key prefix separates installations: two prefixes each get the limit', async () => {
    await twoSeparateLimits(['one', 'two'].map((prefix) => createSharedLimiter(redis.client(), prefix)));
  });

  test('a rate per host holds for the fleet: a window used up by one replica is not reused by another', async () => {
    const settings = { public: { concurrency: LIMIT, rate: { points: 2, seconds: 60 } }, operator: { concurrency: 99 }, hosts: [] };
    const clients: Redis[] = [redis.client(), redis.client()];
    await redis.ready();
    const [a, b] = clients.map((c) => new RegistryHttp({ guard: new HostGuard([server.host]), hostLimits: settings, limiter: createSharedLimiter(c, 'rate'), deadlineMs: 5_000 }));
    server.reset(2);
    const url = (n: string): string => `${server.url}/v2/app/manifests/${n}`;
    expect((await Promise.all([a!.request(url('1'), { method: 'HEAD', kind: 'manifest' }), b!.request(url('2'), { method: 'HEAD', kind: 'manifest' })])).map((r) => r.status)).toEqual([200, 200]);
    // The third request of the minute would wait past the 5 s deadline: refused, not sent.
    await expect(b!.request(url('3'), { method: 'HEAD', kind: 'manifest' })).rejects.toMatchObject({ kind: 'own-limit', message: expect.stringMatching(/^imagepin's own limit of 2\/m for 127\.0\.0\.1:\d+ would delay this request by \d+(\.\d)? s, past the analysis deadline$/) });
    expect(a!.stats.requests + b!.stats.requests).toBe(2);
    await Promise.all([a!.close(), b!.close()]);
  });
});
