// Fleet benchmark: registry requests when three replicas resolve the same 500 references, with
// the shared Redis cache (fleet mode) and with a cache per replica (three embedded processes).
import { Redis } from 'ioredis';
import { RedisCache } from '../src/app/fleet/redis-cache.js';
import { MemoryCache, type ResolverCache } from '../src/resolver/cache.js';
import { createResolver } from '../src/resolver/index.js';
import { ref } from '../test/helpers/ref.js';
import { pushImage, retag } from '../test/harness/push.js';
import { TestRedis } from '../test/harness/redis.js';
import { TestRegistry } from '../test/harness/registry.js';
import type { Row } from './extraction.js';

const UNIQUE = 500;
const PRS = 300;
const REPLICAS = 3;

/** Each PR resolves 20 of the 500 references; PRs are spread round-robin over the replicas, all at once. */
async function run(url: string, caches: ResolverCache[]): Promise<{ requests: number; ms: number }> {
  const stacks = caches.map((cache) => createResolver({ endpoints: [`docker.io=${url}/v2`], cache }));
  const refs = Array.from({ length: UNIQUE }, (_, i) => ref(`bench/fleet-${i % 25}:1.0.${Math.floor(i / 25)}`));
  const started = performance.now();
  await Promise.all(Array.from({ length: PRS }, (_, pr) => stacks[pr % REPLICAS]!.resolver.resolveAll(Array.from({ length: 20 }, (_, k) => refs[(pr * 7 + k * 25) % UNIQUE]!))));
  const ms = performance.now() - started;
  const requests = stacks.reduce((sum, s) => sum + s.http.stats.byKind.manifest, 0);
  for (const s of stacks) await s.close();
  return { requests, ms };
}

export async function benchFleet(): Promise<Row[]> {
  const registry = await TestRegistry.start();
  const redis = await TestRedis.start();
  const clients: Redis[] = [];
  try {
    for (let r = 0; r < 25; r++) {
      await pushImage({ url: registry.url }, `bench/fleet-${r}`, ['1.0.0']);
      await retag({ url: registry.url }, `bench/fleet-${r}`, '1.0.0', Array.from({ length: UNIQUE / 25 - 1 }, (_, i) => `1.0.${i + 1}`));
    }
    const separate = await run(registry.url, Array.from({ length: REPLICAS }, () => new MemoryCache()));
    for (let i = 0; i < REPLICAS; i++) clients.push(new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }));
    await Promise.all(clients.map((c) => new Promise((resolve) => c.once('ready', resolve))));
    const shared = await run(registry.url, clients.map((c) => new RedisCache(c, 'bench')));
    return [
      ['fleet', `manifest requests, ${PRS} PRs over ${REPLICAS} replicas, ${UNIQUE} unique tags, cache per replica`, String(separate.requests)],
      ['fleet', `manifest requests, the same with the shared Redis cache`, String(shared.requests)],
      ['fleet', 'wall time, cache per replica / shared cache', `${separate.ms.toFixed(0)} ms / ${shared.ms.toFixed(0)} ms`],
    ];
  } finally {
    for (const c of clients) c.disconnect();
    await redis.stop();
    await registry.stop();
  }
}
