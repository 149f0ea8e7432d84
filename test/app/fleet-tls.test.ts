import { appKey } from '../harness/app.js';
import { describeWithBinary } from '../harness/binaries.js';
import { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pullRequestPayload } from '../harness/fake-github/webhooks.js';
import { pushImage } from '../harness/push.js';
import { TestRedis } from '../harness/redis.js';
import { startReplica, waitReady, type Replica } from '../harness/replicas.js';
import { TestRegistry } from '../harness/registry.js';
import { until } from '../harness/until.js';

const REPO = 'acme/gitops';
const deploy = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;

/**
 * Fleet mode over `rediss://` with a password and a key prefix, as a managed Redis is reached:
 * replicas as real processes (Node reads NODE_EXTRA_CA_CERTS at start), Redis listening only for
 * TLS. A replica that does not trust the certificate is not ready and refuses webhooks (503), so
 * nothing is acknowledged that was not stored.
 */
describeWithBinary('redis-server', 'apt-get install redis-server', 'fleet mode over TLS (rediss://) with a password and a key prefix', () => {
  let redis: TestRedis;
  let registry: TestRegistry;
  let github: FakeGitHub;
  const replicas: Replica[] = [];
  let env: NodeJS.ProcessEnv;
  let key: string;

  beforeAll(async () => {
    redis = await TestRedis.start({ tls: true, password: 'tls pw/1' });
    registry = await TestRegistry.start();
    github = await new FakeGitHub().start();
    await pushImage({ url: registry.url }, 'library/nginx', ['1.27.3', 'latest'], 'docker-list');
    key = appKey();
    env = { REDIS_URL: redis.url, IMAGEPIN_REDIS_PREFIX: 'tenant-tls', IMAGEPIN_ENDPOINTS: `docker.io=${registry.url}/v2`, IMAGEPIN_METRICS_PORT: 'off' };
  }, 60_000);
  afterAll(async () => {
    for (const r of replicas) await r.kill('SIGTERM');
    await github?.stop();
    await registry?.stop();
    await redis?.stop();
  }, 60_000);

  test('a replica that trusts the certificate is ready and analyses a PR through the TLS Redis', async () => {
    expect(redis.url).toMatch(/^rediss:\/\/:tls%20pw%2F1@127\.0\.0\.1:\d+$/);
    const replica = await startReplica(github.url, key, { ...env, NODE_EXTRA_CA_CERTS: redis.caPath });
    replicas.push(replica);
    await waitReady(replica.url);
    const base = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:1.27.3') });
    github.state.setDefaultBranch(REPO, base);
    const head = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:latest') });
    github.state.openPull(REPO, 1, base, head);
    const answer = await deliver(replica.webhookUrl, replica.secret, 'pull_request', pullRequestPayload('opened', { owner: 'acme', repo: 'gitops', number: 1, headSha: head, baseSha: base }));
    expect(answer.status).toBe(200);
    // Polling the fake GitHub (the source of truth) until the job, stored in the TLS Redis, has run.
    const completed = () => github.state.checkRuns.filter((c) => c.head_sha === head && c.status === 'completed');
    await until('the check run completed', () => completed().length > 0, { everyMs: 100 });
    expect(completed().map((c) => c.conclusion)).toEqual(['failure']);
  }, 90_000);

  test('a replica that does not trust the certificate is not ready, says why, and answers webhooks 503', async () => {
    const replica = await startReplica(github.url, key, env);
    replicas.push(replica);
    let ready = { status: 0, body: '' };
    await until('/readyz names the certificate', async () => {
      const response = await fetch(`${replica.url}/readyz`);
      ready = { status: response.status, body: await response.text() };
      return /certificate/i.test(ready.body);
    }, { tries: 100 });
    expect(ready.status).toBe(503);
    expect(JSON.parse(ready.body)).toEqual({ status: 'not ready', problems: [expect.stringMatching(/^Redis unreachable: .*certificate.*\(Stream isn't writeable/i)] });
    const head = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:latest') });
    github.state.openPull(REPO, 2, github.state.pulls.get(`${REPO}#1`)!.base.sha, head);
    const answer = await deliver(replica.webhookUrl, replica.secret, 'pull_request', pullRequestPayload('opened', { owner: 'acme', repo: 'gitops', number: 2, headSha: head, baseSha: head }));
    expect(answer.status).toBe(503);
    // SIGTERM stops it although it never reached Redis (nothing to finish or hand back).
    await replica.kill('SIGTERM');
    expect(replica.dead).toBe(true);
  }, 90_000);
});
