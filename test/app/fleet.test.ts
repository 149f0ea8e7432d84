import { appKey } from '../harness/app.js';
import { describeWithBinary } from '../harness/binaries.js';
import { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pullRequestPayload } from '../harness/fake-github/webhooks.js';
import { pushImage } from '../harness/push.js';
import { queueSettled } from '../harness/queue-depth.js';
import { TestRedis } from '../harness/redis.js';
import { TestRegistry } from '../harness/registry.js';
import { startReplicas, waitReady, type Replica } from '../harness/replicas.js';

const REPO = 'acme/gitops';
const PRS = 50;
const SWEEP_S = 3;
const deploy = (text: string, image = 'nginx:latest') => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n# ${text}\n`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithBinary('redis-server', 'apt-get install redis-server', 'fleet: three replicas on one Redis, one killed, Redis restarted', () => {
  let redis: TestRedis;
  let registry: TestRegistry;
  let github: FakeGitHub;
  let replicas: Replica[] = [];
  const rounds: number[] = [];

  beforeAll(async () => {
    redis = await TestRedis.start();
    registry = await TestRegistry.start();
    github = await new FakeGitHub().start();
    await pushImage({ url: registry.url }, 'library/nginx', ['1.27.3', 'latest'], 'docker-list');
    const key = appKey();
    const env = { REDIS_URL: redis.url, IMAGEPIN_ENDPOINTS: `docker.io=${registry.url}/v2`, IMAGEPIN_JOB_LOCK_MS: '1500', IMAGEPIN_JOB_BACKOFF_MS: '200', IMAGEPIN_SWEEP_INTERVAL: `${SWEEP_S}s`, IMAGEPIN_METRICS_PORT: 'off' };
    replicas = await startReplicas(3, github.url, key, env);
    for (const r of replicas) await waitReady(r.url);
  }, 60_000);
  afterAll(async () => {
    for (const r of replicas) await r.kill('SIGTERM');
    await github?.stop();
    await registry?.stop();
    await redis?.stop();
  }, 60_000);

  test('300 deliveries with redeliveries and pushes mid-analysis: one completed check per head, one comment per PR, the newest head everywhere, one sweep per interval', async () => {
    github.onCall = (path) => {
      if (path === '/app/installations') rounds.push(Date.now());
    };
    const base = github.state.commit({ 'apps/web/deploy.yaml': deploy('base', 'nginx:1.27.3') });
    github.state.setDefaultBranch(REPO, base);
    const facts = (number: number, headSha: string) => ({ owner: 'acme', repo: 'gitops', number, headSha, baseSha: base });
    type Delivery = { id: string; action: 'opened' | 'synchronize'; number: number; sha: string };
    const deliveries: Delivery[] = [];
    for (let n = 1; n <= PRS; n++) {
      const v0 = github.state.commit({ 'apps/web/deploy.yaml': deploy(`${n} v0`) });
      github.state.openPull(REPO, n, base, v0);
      deliveries.push({ id: `d-${n}-0`, action: 'opened', number: n, sha: v0 });
      for (let v = 1; v <= 2; v++) deliveries.push({ id: `d-${n}-${v}`, action: 'synchronize', number: n, sha: github.state.push(REPO, n, { 'apps/web/deploy.yaml': deploy(`${n} v${v}`) }) });
    }
    // Every fourth PR gets one more push while it is being analysed (its files are being read).
    const pushedMidway = new Set<number>();
    const midway: Promise<number>[] = [];
    const previous = github.onCall;
    github.onCall = (path, method) => {
      previous(path, method);
      const m = /\/pulls\/(\d+)\/files$/.exec(path);
      const n = Number(m?.[1]);
      if (!m || n % 4 !== 0 || pushedMidway.has(n)) return;
      pushedMidway.add(n);
      const sha = github.state.push(REPO, n, { 'apps/web/deploy.yaml': deploy(`${n} midway`) });
      midway.push(send({ id: `d-${n}-mid`, action: 'synchronize', number: n, sha }));
    };
    // Every delivery twice (GitHub redelivers, maybe to another replica).
    const plan = [...deliveries, ...deliveries];
    let turn = 0;
    const live = () => replicas.filter((r) => !r.dead);
    // What GitHub does: a delivery answered with an error is redelivered later.
    async function send(d: Delivery): Promise<number> {
      for (let attempt = 0; ; attempt++) {
        const targets = live();
        const r = targets[turn++ % targets.length]!;
        const { status } = await deliver(r.webhookUrl, r.secret, 'pull_request', pullRequestPayload(d.action, facts(d.number, d.sha)), d.id).catch(() => ({ status: 0 }));
        if (status === 200 || attempt > 200) return status;
        await sleep(100);
      }
    }
    const statuses: number[] = [];
    for (let i = 0; i < plan.length; i += 20) {
      statuses.push(...(await Promise.all(plan.slice(i, i + 20).map(send))));
      if (i === 100) await replicas[2]!.kill('SIGKILL');
      if (i === 180) await redis.restart(async () => void (await sleep(300)));
    }
    statuses.push(...(await Promise.all(midway)));
    expect(plan.length + midway.length).toBeGreaterThanOrEqual(300);
    expect(new Set(statuses)).toEqual(new Set([200]));

    // Settled: the newest head of every PR has a completed check (polling the fake GitHub, the source of truth).
    const latest = (n: number) => github.state.pulls.get(`${REPO}#${n}`)!.head.sha;
    const runs = (sha: string) => github.state.checkRuns.filter((c) => c.head_sha === sha);
    for (let i = 0; i < 600; i++) {
      const pending = Array.from({ length: PRS }, (_, k) => k + 1).filter((n) => !runs(latest(n)).some((c) => c.status === 'completed'));
      if (!pending.length) break;
      await sleep(100);
    }
    // Nothing left to run in Redis (a job that retried or waited for its PR's guard has finished too).
    await queueSettled(redis.url);
    const completed = new Map<string, number>();
    for (const c of github.state.checkRuns) if (c.status === 'completed') completed.set(c.head_sha, (completed.get(c.head_sha) ?? 0) + 1);
    expect([...completed.values()].filter((count) => count !== 1)).toEqual([]);
    // A replica killed mid-analysis leaves the check runs it had started; the retries on other replicas reuse them, so none stays in progress.
    const heads = new Set(Array.from({ length: PRS }, (_, k) => latest(k + 1)));
    expect(github.state.checkRuns.filter((c) => c.status !== 'completed').map((c) => ({ id: c.id, newest: heads.has(c.head_sha) }))).toEqual([]);
    for (let n = 1; n <= PRS; n++) {
      const head = latest(n);
      const comments = github.state.comments.filter((c) => c.issue === n);
      expect({ n, checks: runs(head).filter((c) => c.status === 'completed').map((c) => c.conclusion), comments: comments.length, newest: comments[0]?.body.includes(head) }).toEqual({ n, checks: ['failure'], comments: 1, newest: true });
    }
    const followUps = [...github.state.created.values()].map((pr) => `${pr.repo}:${pr.head}`);
    expect(followUps.length).toBe(new Set(followUps).size);

    // One round per interval for the whole fleet, not one per replica.
    // (A round that starts late under load may sit closer to the next one, so the count is what is bounded:
    // three replicas each sweeping would make it three times as many.)
    // A fast run (references failing at once while Redis restarts) can settle within one interval: wait for the next round.
    for (let i = 0; i < 200 && rounds.length < 2; i++) await sleep(100);
    const span = rounds.at(-1)! - rounds[0]!;
    expect(rounds.length).toBeGreaterThanOrEqual(2);
    expect(rounds.length).toBeLessThanOrEqual(Math.floor(span / (SWEEP_S * 1000)) + 2);
  }, 120_000);
});
