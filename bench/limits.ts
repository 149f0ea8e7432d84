// Per-host limits: 500 unique tags against the real registry behind a proxy that adds 50 ms to
// every request, at the public default (8 at once), the operator-endpoint default (32), and with
// the limit of 32 kept in a real Redis for two resolver stacks (two replicas) at once.
import { ref } from '../test/helpers/ref.js';
import { createResolver } from '../src/resolver/index.js';
import { createSharedLimiter } from '../src/resolver/redis-limiter.js';
import { delayingProxy } from '../test/harness/delaying-proxy.js';
import { pushImage, retag } from '../test/harness/push.js';
import { RedisServer } from '../test/harness/redis-server.js';
import { TestRegistry } from '../test/harness/registry.js';
import type { RequestLimiter } from '../src/resolver/limiter.js';
import type { Row } from './extraction.js';

const REPOS = 20;
const TAGS = 500;
const DELAY_MS = 50;

export async function benchLimits(): Promise<Row[]> {
  const registry = await TestRegistry.start();
  const proxy = await delayingProxy(registry.url, DELAY_MS).start();
  const redis = await RedisServer.start();
  const rows: Row[] = [];
  try {
    for (let r = 0; r < REPOS; r++) {
      await pushImage({ url: registry.url }, `bench/app-${r}`, ['1.0.0']);
      await retag({ url: registry.url }, `bench/app-${r}`, '1.0.0', Array.from({ length: TAGS / REPOS - 1 }, (_, i) => `1.0.${i + 1}`));
    }
    const refs = Array.from({ length: TAGS }, (_, i) => ref(`bench.example/bench/app-${i % REPOS}:1.0.${Math.floor(i / REPOS)}`));
    /** Resolves `refs` split over `stacks` resolver stacks at once; wall time in seconds, and what failed. */
    const run = async (concurrency: number, stacks: number, limiter?: () => RequestLimiter): Promise<[string, number]> => {
      const all = Array.from({ length: stacks }, () => createResolver({ endpoints: [`bench.example=${proxy.url}/v2`], http: { hostLimits: { public: { concurrency }, operator: { concurrency }, hosts: [] } }, ...(limiter ? { limiter: limiter() } : {}) }));
      await redis.ready();
      const started = performance.now();
      const results = await Promise.all(all.map((s, i) => s.resolver.resolveAll(refs.filter((_, n) => n % stacks === i))));
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      await Promise.all(all.map((s) => s.close()));
      return [seconds, results.flatMap((m) => [...m.values()]).filter((r) => r.status !== 'resolved').length];
    };
    // Each setting twice, in turn (the machine is shared and noisy): the faster of the two is kept.
    const fleetLimiter = () => createSharedLimiter(redis.client(), 'bench');
    const runs: [string, number][][] = [[], [], []];
    for (let round = 0; round < 2; round++) {
      runs[0]!.push(await run(8, 1));
      runs[1]!.push(await run(32, 1));
      runs[2]!.push(await run(32, 2, fleetLimiter));
    }
    const best = (r: [string, number][]): [string, number] => [r.map(([s]) => s).sort((a, b) => Number(a) - Number(b))[0]!, Math.max(...r.map(([, f]) => f))];
    const [[eight, eightFailed], [thirtyTwo, thirtyTwoFailed], [fleet, fleetFailed]] = runs.map(best) as [[string, number], [string, number], [string, number]];
    rows.push(
      ['limits', `${TAGS} unique tags, 50 ms away, 8 at once (public default): wall time (s)`, eight],
      ['limits', `${TAGS} unique tags, 50 ms away, 32 at once (operator endpoint default): wall time (s)`, thirtyTwo],
      ['limits', `${TAGS} unique tags, 50 ms away, 32 at once kept in Redis, two stacks: wall time (s)`, fleet],
      ['limits', 'unresolved in the three runs', `${eightFailed} / ${thirtyTwoFailed} / ${fleetFailed}`],
    );
  } finally {
    await redis.stop();
    await proxy.stop();
    await registry.stop();
  }
  return rows;
}
