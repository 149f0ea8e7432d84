import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ref } from '../helpers/ref.js';
import { RegistryHttp } from '../../src/resolver/http.js';
import { createResolver } from '../../src/resolver/index.js';
import { createSharedLimiter } from '../../src/resolver/redis-limiter.js';
import { HostGuard } from '../../src/resolver/ssrf.js';
import { describeWithBinary } from '../harness/binaries.js';
import { buildCli } from '../harness/built-cli.js';
import { CountingServer } from '../harness/counting-server.js';
import { pushImage } from '../harness/push.js';
import { RedisServer } from '../harness/redis-server.js';
import { TestRegistry } from '../harness/registry.js';

const LIMIT = 3;
const settings = { public: { concurrency: LIMIT }, operator: { concurrency: LIMIT }, hosts: [] };

/** A replica as its own process: takes all LIMIT slots (requests the server never answers), says so, waits to be killed. */
const HOLDER = `
import { Redis } from 'ioredis';
import { RegistryHttp } from './src/resolver/http.js';
import { createSharedLimiter } from './src/resolver/redis-limiter.js';
import { HostGuard } from './src/resolver/ssrf.js';
const { REDIS, HOST, LIMIT } = process.env;
const redis = new Redis(REDIS, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
await new Promise((resolve) => redis.once('ready', resolve));
const n = Number(LIMIT);
const http = new RegistryHttp({ guard: new HostGuard([HOST]), limiter: createSharedLimiter(redis, 'kill', { slotTtlMs: 3000 }), hostLimits: { public: { concurrency: n }, operator: { concurrency: n }, hosts: [] }, timeoutMs: 600000, deadlineMs: 600000, retries: 0 });
for (let i = 0; i < n; i++) http.request('http://' + HOST + '/v2/stuck/manifests/' + i, { method: 'HEAD', kind: 'manifest' }).catch(() => undefined);
process.stdout.write('sent\\n');
setInterval(() => undefined, 1000);
`;

describeWithBinary('redis-server', 'apt-get install redis-server', 'the fleet-wide request limit when things fail', () => {
  let redis: RedisServer;

  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await redis.stop();
  });

  test('a replica killed while it holds every slot: its slots expire and another replica gets through', async () => {
    const server = await new CountingServer(LIMIT, Number.POSITIVE_INFINITY).start();
    const built = buildCli();
    const root = dirname(dirname(dirname(built.entry)));
    writeFileSync(join(root, 'holder.mjs'), HOLDER);
    const child = spawn(process.execPath, [join(root, 'holder.mjs')], { env: { ...process.env, REDIS: redis.url, HOST: server.host, LIMIT: String(LIMIT) }, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await server.arrivals(LIMIT);
      const probe = redis.client();
      await redis.ready();
      const key = `semaphore:kill:limit:${server.host}`;
      expect(await probe.zcard(key)).toBe(LIMIT);
      child.kill('SIGKILL');
      await exited;
      // Nothing released them: the dead replica's entries are still there until they expire.
      expect(await probe.zcard(key)).toBe(LIMIT);
      server.reset(LIMIT);
      const http = new RegistryHttp({ guard: new HostGuard([server.host]), limiter: createSharedLimiter(redis.client(), 'kill', { slotTtlMs: 3000 }), hostLimits: settings, retries: 0 });
      await redis.ready();
      const statuses = await Promise.all(Array.from({ length: LIMIT }, (_, i) => http.request(`${server.url}/v2/app/manifests/${i}`, { method: 'HEAD', kind: 'manifest' }).then((r) => r.status)));
      expect(statuses).toEqual(Array(LIMIT).fill(200));
      expect(server.maxInFlight).toBeLessThanOrEqual(LIMIT);
      await http.close();
    } finally {
      child.kill('SIGKILL');
      built.remove();
      await server.stop();
    }
  });

  test('Redis down: every affected reference is unresolved with the reason, and no request is sent', async () => {
    const registry = await TestRegistry.start();
    await pushImage({ url: registry.url }, 'team/app', ['1.0.0', '2.0.0']);
    const client = redis.client();
    await redis.ready();
    const stack = createResolver({ allowHosts: [registry.host], limiter: createSharedLimiter(client, 'down') });
    const refs = [ref(`${registry.host}/team/app:1.0.0`), ref(`${registry.host}/team/app:2.0.0`)];
    try {
      expect((await stack.resolver.resolve(refs[0]!)).status).toBe('resolved');
      const before = stack.http.stats.requests;
      await redis.down(async () => {
        const results = await stack.resolver.resolveAll([refs[1]!, ref(`${registry.host}/team/app:3.0.0`)]);
        for (const result of results.values()) {
          expect(result).toMatchObject({ status: 'unresolved', error: { kind: 'own-limit', retryable: true, message: expect.stringMatching(new RegExp(`^imagepin's shared request limit for ${registry.host.replace(/\./g, '\\.')} is kept in Redis, which failed \\(.+\\); the request was not sent$`)) } });
          expect(result.digest).toBeUndefined();
        }
        expect(stack.http.stats.requests).toBe(before);
      });
    } finally {
      await stack.close();
      await registry.stop();
    }
  });

  test('Redis that never answers (a client that queues commands) does not hang: the reference fails once the wait is over', async () => {
    const client = redis.client({ queue: true });
    await redis.ready();
    const server = await new CountingServer(LIMIT, 1).start();
    const http = new RegistryHttp({ guard: new HostGuard([server.host]), limiter: createSharedLimiter(client, 'hang'), hostLimits: settings, deadlineMs: 500, retries: 0 });
    try {
      await redis.down(async () => {
        await expect(http.request(`${server.url}/v2/app/manifests/1`, { method: 'HEAD', kind: 'manifest' })).rejects.toMatchObject({ kind: 'own-limit', message: expect.stringMatching(/is kept in Redis, which failed \(no answer within 2\.5 s\); the request was not sent$/) });
        expect(http.stats.requests).toBe(0);
      });
    } finally {
      await http.close();
      await server.stop();
    }
  });
});
