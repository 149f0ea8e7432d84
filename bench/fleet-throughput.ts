// Fleet benchmark, whole app: the overhead of fleet mode per analysis against the embedded mode
// (one PR at a time), and PR analyses per minute with 1 and 3 replicas on one Redis (60 PRs at
// once). Every replica is its own process; the registry, Redis and the fake GitHub are real servers.
import { appKey } from '../test/harness/app.js';
import { FakeGitHub } from '../test/harness/fake-github/server.js';
import { deliver, pullRequestPayload } from '../test/harness/fake-github/webhooks.js';
import { pushImage, retag } from '../test/harness/push.js';
import { TestRedis } from '../test/harness/redis.js';
import { TestRegistry } from '../test/harness/registry.js';
import { startReplica, waitReady, type Replica } from '../test/harness/replicas.js';
import { median } from './child.js';
import type { Row } from './extraction.js';

const REPO = 'acme/gitops';
const SEQUENTIAL = 10;
const BURST = 60;
const IMAGES = 5;

export async function benchFleetThroughput(): Promise<Row[]> {
  const registry = await TestRegistry.start();
  const redis = await TestRedis.start();
  const github = await new FakeGitHub().start();
  const key = appKey();
  let tag = 0;
  let number = 0;
  const rows: Row[] = [];
  try {
    await pushImage({ url: registry.url }, 'bench/tp', ['1.0.0']);
    // Each PR deploys tags no earlier PR used, so no scenario is served from another's cache.
    await retag({ url: registry.url }, 'bench/tp', '1.0.0', Array.from({ length: 3 * (SEQUENTIAL + BURST) * IMAGES }, (_, i) => `1.0.${i + 1}`));
    const base = github.state.commit({ 'apps/base.yaml': 'image: bench/tp:1.0.0\n' });
    github.state.setDefaultBranch(REPO, base);
    const pr = () => {
      const files = Object.fromEntries(Array.from({ length: IMAGES }, (_, i) => [`apps/a${i}/values.yaml`, `image: bench/tp:1.0.${++tag}\n`]));
      const head = github.state.commit(files);
      github.state.openPull(REPO, ++number, base, head);
      return { number, head };
    };
    const done = (head: string) => github.state.checkRuns.some((c) => c.head_sha === head && c.status === 'completed');
    const settle = async (heads: string[]) => {
      for (const until = Date.now() + 300_000; !heads.every(done); await new Promise((resolve) => setTimeout(resolve, 20))) {
        if (Date.now() > until) throw new Error(`${heads.filter((h) => !done(h)).length} checks not completed after 5 minutes`);
      }
    };
    const send = (r: Replica, p: { number: number; head: string }) => deliver(r.webhookUrl, r.secret, 'pull_request', pullRequestPayload('opened', { owner: 'acme', repo: 'gitops', number: p.number, headSha: p.head, baseSha: base }));
    const scenario = async (name: string, count: number, env: NodeJS.ProcessEnv) => {
      const replicas = await Promise.all(Array.from({ length: count }, () => startReplica(github.url, key, { IMAGEPIN_ENDPOINTS: `docker.io=${registry.url}/v2`, IMAGEPIN_SWEEP_INTERVAL: 'off', IMAGEPIN_METRICS_PORT: 'off', ...env })));
      try {
        for (const r of replicas) await waitReady(r.url);
        const one: number[] = [];
        for (let i = 0; i < SEQUENTIAL; i++) {
          const p = pr();
          const started = performance.now();
          await send(replicas[i % count]!, p);
          await settle([p.head]);
          one.push(performance.now() - started);
        }
        const burst = Array.from({ length: BURST }, pr);
        const started = performance.now();
        await Promise.all(burst.map((p, i) => send(replicas[i % count]!, p)));
        await settle(burst.map((p) => p.head));
        const perMinute = (BURST / ((performance.now() - started) / 1000)) * 60;
        return { name, oneMs: median(one), perMinute };
      } finally {
        for (const r of replicas) await r.kill('SIGTERM');
      }
    };
    const embedded = await scenario('embedded, 1 process', 1, {});
    const fleet1 = await scenario('fleet, 1 replica', 1, { REDIS_URL: redis.url, IMAGEPIN_REDIS_PREFIX: 'tp1' });
    const fleet3 = await scenario('fleet, 3 replicas', 3, { REDIS_URL: redis.url, IMAGEPIN_REDIS_PREFIX: 'tp3' });
    for (const s of [embedded, fleet1, fleet3]) rows.push(['fleet', `${s.name}: webhook to check completed, one PR at a time, median of ${SEQUENTIAL} (ms)`, s.oneMs.toFixed(0)]);
    rows.push(['fleet', 'fleet overhead per analysis (1 replica against embedded, ms)', (fleet1.oneMs - embedded.oneMs).toFixed(0)]);
    for (const s of [embedded, fleet1, fleet3]) rows.push(['fleet', `${s.name}: PR analyses per minute, ${BURST} PRs at once`, s.perMinute.toFixed(0)]);
  } finally {
    await github.stop();
    await redis.stop();
    await registry.stop();
  }
  return rows;
}
