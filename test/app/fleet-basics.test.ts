import { Redis } from 'ioredis';
import { RedisDeliveryLog } from '../../src/app/fleet/redis-state.js';
import { startApp, appKey, type RunningApp } from '../harness/app.js';
import { describeWithBinary } from '../harness/binaries.js';
import { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pullRequestPayload } from '../harness/fake-github/webhooks.js';
import { TestRedis } from '../harness/redis.js';
import { waitReady } from '../harness/replicas.js';
import { TestRegistry } from '../harness/registry.js';
import { pushImage } from '../harness/push.js';
import { freePort } from '../harness/ports.js';
import { until } from '../harness/until.js';

const REPO = 'acme/gitops';
const deploy = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;

describeWithBinary('redis-server', 'apt-get install redis-server', 'fleet mode on a real Redis: shared dedupe, 503 while Redis is away, readiness', () => {
  let redis: TestRedis;
  let registry: TestRegistry;
  let github: FakeGitHub;
  let replicas: RunningApp[];
  let base: string;
  let metricsPort: number;

  beforeAll(async () => {
    redis = await TestRedis.start({ password: 's3cret/pw' });
    registry = await TestRegistry.start();
    github = await new FakeGitHub().start();
    await pushImage({ url: registry.url }, 'library/nginx', ['1.27.3', 'latest'], 'docker-list');
    const key = appKey();
    const env = { REDIS_URL: redis.url, IMAGEPIN_REDIS_PREFIX: 'tenant-a', IMAGEPIN_ENDPOINTS: `docker.io=${registry.url}/v2`, IMAGEPIN_JOB_LOCK_MS: '2000' };
    metricsPort = await freePort();
    replicas = [await startApp(github.url, { ...env, IMAGEPIN_METRICS_PORT: String(metricsPort), IMAGEPIN_METRICS_HOST: '127.0.0.1' }, undefined, { privateKey: key }), await startApp(github.url, env, undefined, { privateKey: key })];
    for (const r of replicas) await waitReady(r.url);
    base = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:1.27.3') });
    github.state.setDefaultBranch(REPO, base);
  });
  afterAll(async () => {
    for (const r of replicas ?? []) await r.stop();
    await github?.stop();
    await registry?.stop();
    await redis?.stop();
  });

  const facts = (number: number, headSha: string) => ({ owner: 'acme', repo: 'gitops', number, headSha, baseSha: base });
  const checks = (sha: string) => github.state.checkRuns.filter((r) => r.head_sha === sha);

  test('one delivery sent to both replicas at once (a concurrent duplicate) is stored and analysed once; a redelivery after it is ignored', async () => {
    const head = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:latest') });
    github.state.openPull(REPO, 1, base, head);
    const payload = pullRequestPayload('opened', facts(1, head));
    const answers = await Promise.all(replicas.map((r) => deliver(r.webhookUrl, r.secret, 'pull_request', payload, 'delivery-1')));
    // The replica that claims the delivery stores it and answers 200. The other answers 200 if the store
    // was settled before it looked, or 503 while the claim is held: GitHub records that attempt as failed,
    // and a delivery with a successful attempt is never asked for again (redeliver.ts). Either way: once.
    expect([[200, 200], [200, 503]]).toContainEqual(answers.map((a) => a.status).sort());
    await replicas[0]!.queue.onIdle();
    expect(checks(head)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    expect(github.state.comments.filter((c) => c.issue === 1)).toHaveLength(1);
    // GitHub redelivers after an answer: either replica acknowledges it and stores nothing.
    for (const r of replicas) expect((await deliver(r.webhookUrl, r.secret, 'pull_request', payload, 'delivery-1')).status).toBe(200);
    await replicas[0]!.queue.onIdle();
    expect(checks(head)).toHaveLength(1);
    // The analysed head is shared too: a new delivery for the same head on the other replica does nothing.
    await deliver(replicas[1]!.webhookUrl, replicas[1]!.secret, 'pull_request', pullRequestPayload('synchronize', facts(1, head)));
    await replicas[1]!.queue.onIdle();
    expect(checks(head)).toHaveLength(1);
  });

  test('a delivery another replica is still storing is answered 503, not acknowledged; once stored, its redelivery is ignored', async () => {
    const head = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:latest\n# claimed') });
    github.state.openPull(REPO, 4, base, head);
    const payload = pullRequestPayload('opened', facts(4, head));
    // The other replica, mid-store: it holds the claim, as the app's own delivery log takes it.
    const other = new Redis(redis.url);
    const log = new RedisDeliveryLog(other, 'tenant-a');
    try {
      expect(await log.first('delivery-4')).toBe(true);
      expect((await deliver(replicas[1]!.webhookUrl, replicas[1]!.secret, 'pull_request', payload, 'delivery-4')).status).toBe(503);
      // If that store fails, the claim is dropped and GitHub's redelivery is taken.
      await log.forget('delivery-4');
      expect((await deliver(replicas[1]!.webhookUrl, replicas[1]!.secret, 'pull_request', payload, 'delivery-4')).status).toBe(200);
      await replicas[1]!.queue.onIdle();
      expect(checks(head)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
      // Stored and settled: a later redelivery to either replica is acknowledged and ignored.
      for (const r of replicas) expect((await deliver(r.webhookUrl, r.secret, 'pull_request', payload, 'delivery-4')).status).toBe(200);
      await replicas[0]!.queue.onIdle();
      expect(checks(head)).toHaveLength(1);
      expect(github.state.comments.filter((c) => c.issue === 4)).toHaveLength(1);
    } finally {
      other.disconnect();
    }
  });

  test('/metrics on its own port: job durations and outcomes, queue depth, GitHub calls, findings by rule; the webhook port does not serve it', async () => {
    const head = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:latest\n# metrics') });
    github.state.openPull(REPO, 3, base, head);
    // Delivered to the replica that serves metrics, but any replica may run the job: both are drained.
    await deliver(replicas[0]!.webhookUrl, replicas[0]!.secret, 'pull_request', pullRequestPayload('opened', facts(3, head)));
    await replicas[0]!.queue.onIdle();
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(text).toMatch(/^imagepin_queue_jobs\{state="waiting"\} 0$/m);
    expect(text).toMatch(/^imagepin_queue_oldest_waiting_seconds 0$/m);
    expect(text).toContain('# TYPE imagepin_job_duration_seconds histogram');
    expect(text).toContain('# TYPE imagepin_github_requests_total counter');
    expect(text).toContain('# TYPE imagepin_findings_total counter');
    expect(text).toContain('# TYPE imagepin_sweep_runs_total counter');
    expect((await fetch(`${replicas[0]!.url}/metrics`)).status).toBe(404);
  });

  test('/healthz and /readyz answer on the app port; while Redis is away webhooks get 503 and /readyz says why; after it returns the failed delivery is redelivered through the App API', async () => {
    const [a] = replicas;
    expect((await fetch(`${a!.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${a!.url}/readyz`)).text()).toBe('{"status":"ready"}');
    const head = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:latest\n# 2') });
    github.state.openPull(REPO, 2, base, head);
    await redis.restart(async () => {
      const ready = await fetch(`${a!.url}/readyz`);
      expect([ready.status, JSON.parse(await ready.text())]).toEqual([503, { status: 'not ready', problems: [expect.stringMatching(/^Redis unreachable: /)] }]);
      // Sent as GitHub sends it, so GitHub (the fake) records the failed attempt.
      expect(await github.hooks.send(a!.webhookUrl, 'pull_request', pullRequestPayload('opened', facts(2, head)), 'delivery-2')).toBe(503);
    });
    // Redis is back: one replica lists the failed deliveries and asks for this one again; the delivery
    // was not recorded as seen when it was refused, so the redelivery is taken.
    await until('delivery-2 redelivered and taken', () => github.hooks.attempts.some((t) => t.guid === 'delivery-2' && t.redelivery && t.status_code === 200), { tries: 200 });
    expect(github.hooks.attempts.filter((t) => t.guid === 'delivery-2').map((t) => [t.redelivery, t.status_code])).toEqual([[false, 503], [true, 200]]);
    await a!.queue.onIdle();
    expect(checks(head)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
  });
});
