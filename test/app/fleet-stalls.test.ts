import { appKey } from '../harness/app.js';
import { describeWithBinary } from '../harness/binaries.js';
import { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pullRequestPayload } from '../harness/fake-github/webhooks.js';
import { pushImage } from '../harness/push.js';
import { TestRedis } from '../harness/redis.js';
import { TestRegistry } from '../harness/registry.js';
import { startReplica, waitReady, type Replica } from '../harness/replicas.js';
import { until } from '../harness/until.js';

const REPO = 'acme/gitops';
const deploy = (text: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.3\n# ${text}\n`;

describeWithBinary('redis-server', 'apt-get install redis-server', 'fleet: jobs whose replicas are killed leave no check run in progress', () => {
  let redis: TestRedis;
  let registry: TestRegistry;
  let github: FakeGitHub;
  let key: string;
  let env: NodeJS.ProcessEnv;
  let base: string;
  let current: Replica | undefined;
  const all: Replica[] = [];
  /** Which call kills the replica running the job: the check run's creation (before its record is written) or the PR's files (mid-analysis). */
  let killAt: 'create' | 'files' | undefined;
  let kills = 0;

  const start = async (): Promise<Replica> => {
    const replica = await startReplica(github.url, key, env);
    await waitReady(replica.url);
    all.push(replica);
    return (current = replica);
  };
  const facts = (number: number, headSha: string) => ({ owner: 'acme', repo: 'gitops', number, headSha, baseSha: base });
  const runs = (sha: string) => github.state.checkRuns.filter((c) => c.head_sha === sha);

  beforeAll(async () => {
    redis = await TestRedis.start();
    registry = await TestRegistry.start();
    github = await new FakeGitHub().start();
    await pushImage({ url: registry.url }, 'library/nginx', ['1.27.3'], 'docker-list');
    key = appKey();
    env = { REDIS_URL: redis.url, IMAGEPIN_ENDPOINTS: `docker.io=${registry.url}/v2`, IMAGEPIN_JOB_LOCK_MS: '1000', IMAGEPIN_SWEEP_INTERVAL: 'off', IMAGEPIN_METRICS_PORT: 'off' };
    base = github.state.commit({ 'apps/web/deploy.yaml': deploy('base') });
    github.state.setDefaultBranch(REPO, base);
    // SIGKILL is sent while the fake GitHub still holds the call: the replica never sees the answer.
    github.onCall = (path, method) => {
      const hit = (killAt === 'create' && method === 'POST' && path === `/repos/${REPO}/check-runs`) || (killAt === 'files' && /\/pulls\/\d+\/files$/.test(path));
      if (!hit || !current || current.dead) return;
      kills++;
      void current.kill('SIGKILL');
    };
  }, 60_000);
  // Each test starts with no replica running, so it knows which one takes its job.
  afterEach(async () => {
    for (const r of all) await r.kill('SIGTERM');
  }, 60_000);
  afterAll(async () => {
    await github?.stop();
    await registry?.stop();
    await redis?.stop();
  }, 60_000);

  test('a job that stalls more often than allowed is failed by BullMQ without its last attempt; its run, orphaned by the first kill, is completed as could not finish (IMAGEPIN_ON_ERROR, never success)', async () => {
    const head = github.state.commit({ 'apps/web/deploy.yaml': deploy('pr 1') });
    github.state.openPull(REPO, 1, base, head);
    const first = await start();
    killAt = 'create';
    expect((await deliver(first.webhookUrl, first.secret, 'pull_request', pullRequestPayload('opened', facts(1, head)), 'stall-1')).status).toBe(200);
    await until('the first replica killed as it created the run', () => first.dead);
    // Two more replicas take the stalled job over (BullMQ allows two stalls) and are killed mid-analysis.
    killAt = 'files';
    for (const kill of [2, 3]) {
      const replica = await start();
      await until(`replica ${kill} killed mid-analysis`, () => replica.dead);
    }
    killAt = undefined;
    await start();
    await until('the run completed', () => runs(head).some((c) => c.status === 'completed'));
    expect(kills).toBe(3);
    expect(runs(head).map((c) => ({ status: c.status, conclusion: c.conclusion, title: c.output.title }))).toEqual([{ status: 'completed', conclusion: 'failure', title: 'imagepin could not finish' }]);
    expect(runs(head)[0]!.output.summary).toContain('killed mid-analysis too many times');
    expect(github.state.comments.filter((c) => c.issue === 1)).toEqual([]);
  }, 120_000);

  test('a replica killed between creating the run and recording it, then a push: the orphaned run on the old head is completed as superseded, the new head analysed once', async () => {
    const old = github.state.commit({ 'apps/web/deploy.yaml': deploy('pr 2') });
    github.state.openPull(REPO, 2, base, old);
    const first = await start();
    killAt = 'create';
    expect((await deliver(first.webhookUrl, first.secret, 'pull_request', pullRequestPayload('opened', facts(2, old)), 'orphan-1')).status).toBe(200);
    await until('the replica killed as it created the run', () => first.dead);
    killAt = undefined;
    expect(runs(old).map((c) => c.status)).toEqual(['in_progress']);
    const head = github.state.push(REPO, 2, { 'apps/web/deploy.yaml': deploy('pr 2 v2') });
    const second = await start();
    expect((await deliver(second.webhookUrl, second.secret, 'pull_request', pullRequestPayload('synchronize', facts(2, head)), 'orphan-2')).status).toBe(200);
    await until('both heads settled', () => runs(old).every((c) => c.status === 'completed') && runs(head).some((c) => c.status === 'completed'));
    expect(runs(old).map((c) => ({ conclusion: c.conclusion, title: c.output.title }))).toEqual([{ conclusion: 'neutral', title: 'Superseded by a newer push' }]);
    expect(runs(head).map((c) => c.status)).toEqual(['completed']);
    expect(github.state.comments.filter((c) => c.issue === 2)).toHaveLength(1);
  }, 120_000);
});
