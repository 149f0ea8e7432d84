import { Redis } from 'ioredis';
import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import { deliver, statusPayload } from '../harness/fake-github/webhooks.js';
import { pushImage } from '../harness/push.js';
import { TestRedis } from '../harness/redis.js';
import { deployment, fluxKustomization } from './fixtures.js';

const REPO = 'acme/gitops';
const PREFIX = 'tenant-tracker';

describeWithBinary('redis-server', 'apt-get install redis-server', 'fleet mode: the deployment tracker keeps its image answers in Redis', () => {
  let redis: TestRedis;
  let stack: AppStack;
  let probe: Redis;

  beforeAll(async () => {
    redis = await TestRedis.start();
    stack = await startAppStack((url) => ({ IMAGEPIN_ENDPOINTS: `docker.io=${url}/v2`, REDIS_URL: redis.url, IMAGEPIN_REDIS_PREFIX: PREFIX }));
    probe = new Redis(redis.url);
    await pushImage({ url: stack.registry.url }, 'acme/builds-api', ['0.0.130'], 'docker-v2');
  });
  afterAll(async () => {
    probe?.disconnect();
    await stack?.stop();
    await redis?.stop();
  });

  test('a sweep\'s answer about an image in use is stored under the prefix with its TTL, for the next replica or restart', async () => {
    const { github, app } = stack;
    const sha = github.deploy.merge(REPO, {
      'clusters/prod/apps.yaml': fluxKustomization('apps', './apps/prod'),
      'apps/prod/builds-api.yaml': deployment('builds-api', 'acme/builds-api:0.0.130'),
    }, { date: new Date().toISOString(), message: 'Initial import' });
    github.deploy.statuses.push({ repo: REPO, sha, context: 'kustomization/apps/7d1f0c2e', state: 'success' });
    await deliver(app.webhookUrl, app.secret, 'status', statusPayload({ owner: 'acme', repo: 'gitops' }, sha, 'kustomization/apps/7d1f0c2e', 'success'));
    await app.queue.onIdle();
    const keys = await probe.keys(`${PREFIX}:exists:*`);
    expect(keys).toEqual([`${PREFIX}:exists:docker.io/acme/builds-api:0.0.130`]);
    expect(JSON.parse((await probe.get(keys[0]!))!)).toEqual({ status: 'present' });
    const ttl = await probe.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
  });
});
