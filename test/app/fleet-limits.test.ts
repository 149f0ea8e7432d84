import { Redis } from 'ioredis';
import { startApp, appKey, type RunningApp } from '../harness/app.js';
import { describeWithBinary } from '../harness/binaries.js';
import { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pullRequestPayload } from '../harness/fake-github/webhooks.js';
import { TestRedis } from '../harness/redis.js';
import { waitReady } from '../harness/replicas.js';
import { TestRegistry } from '../harness/registry.js';
import { pushImage } from '../harness/push.js';

const REPO = 'acme/gitops';
const PREFIX = 'tenant-limits';
const deploy = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;

describeWithBinary('redis-server', 'apt-get install redis-server', 'fleet mode: the app\'s registry requests go through the fleet-wide limit in Redis', () => {
  let redis: TestRedis;
  let registry: TestRegistry;
  let github: FakeGitHub;
  let app: RunningApp;
  let probe: Redis;
  let base: string;

  beforeAll(async () => {
    redis = await TestRedis.start();
    registry = await TestRegistry.start();
    github = await new FakeGitHub().start();
    await pushImage({ url: registry.url }, 'library/nginx', ['1.27.3', '1.27.4', '1.28.0'], 'docker-list');
    const env = { REDIS_URL: redis.url, IMAGEPIN_REDIS_PREFIX: PREFIX, IMAGEPIN_ENDPOINTS: `docker.io=${registry.url}/v2`, IMAGEPIN_OPERATOR_CONCURRENCY: '2', IMAGEPIN_DEADLINE: '3s' };
    app = await startApp(github.url, env, undefined, { privateKey: appKey() });
    await waitReady(app.url);
    probe = new Redis(redis.url);
    base = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:1.27.3') });
    github.state.setDefaultBranch(REPO, base);
  });
  afterAll(async () => {
    probe?.disconnect();
    await app?.stop();
    await github?.stop();
    await registry?.stop();
    await redis?.stop();
  });

  const facts = (number: number, headSha: string) => ({ owner: 'acme', repo: 'gitops', number, headSha, baseSha: base });
  const checks = (sha: string) => github.state.checkRuns.filter((r) => r.head_sha === sha);

  test('slots held elsewhere in the fleet stop this replica\'s requests (unresolved, saying why); once freed, the next head resolves', async () => {
    // Another replica holds both slots of the registry's host (entries fresh for the whole test).
    const key = `semaphore:${PREFIX}:limit:${registry.host}`;
    await probe.zadd(key, Date.now() + 600_000, 'other-replica-1', Date.now() + 600_000, 'other-replica-2');
    const head = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:1.27.4') });
    github.state.openPull(REPO, 1, base, head);
    expect((await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', facts(1, head)))).status).toBe(200);
    await app.queue.onIdle();
    const [held] = checks(head);
    expect(held).toMatchObject({ status: 'completed' });
    // Not asked, so not checked: an unresolved-reference finding that names the fleet's limit.
    expect(JSON.stringify(held)).toMatch(new RegExp(`could not check .*imagepin waited [0-9.]+ m?s for one of the 2 requests at once that the fleet allows ${registry.host.replace(/\./g, '\\.')}; the request was not sent`));

    // The failed fetch gave back its fill lease in the shared cache: no replica waits it out.
    expect(await probe.keys(`${PREFIX}:lease:*`)).toEqual([]);
    await probe.del(key);
    // The same tag again, now that the slots are free: it is asked and resolves.
    const next = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:1.27.4\n# again') });
    github.state.openPull(REPO, 1, base, next);
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('synchronize', facts(1, next)));
    await app.queue.onIdle();
    expect(checks(next)).toEqual([expect.objectContaining({ status: 'completed' })]);
    expect(JSON.stringify(checks(next))).not.toContain('could not check');
    expect(await probe.zcard(key)).toBe(0);
  });
});
