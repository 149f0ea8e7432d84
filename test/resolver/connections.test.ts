import { ref } from '../helpers/ref.js';
import { createResolver } from '../../src/resolver/index.js';
import { describeWithBinary } from '../harness/binaries.js';
import { ConnectionCounter } from '../harness/connection-counter.js';
import { pushImage, retag } from '../harness/push.js';
import { TestRegistry } from '../harness/registry.js';

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'registry connections (keep-alive)', () => {
  let registry: TestRegistry;
  let counter: ConnectionCounter;
  const tags = Array.from({ length: 59 }, (_, i) => `1.0.${i + 1}`);

  beforeAll(async () => {
    registry = await TestRegistry.start();
    await pushImage({ url: registry.url }, 'acme/app', ['1.0.0']);
    await retag({ url: registry.url }, 'acme/app', '1.0.0', tags);
    counter = await new ConnectionCounter(new URL(registry.url).host).start();
  });

  afterAll(async () => {
    await counter?.stop();
    await registry?.stop();
  });

  test('60 HEADs and the ping at 4 at once share at most 4 connections, and a second analysis opens none', async () => {
    const limit = { concurrency: 4 };
    const stack = createResolver({ endpoints: [`docker.io=${counter.url}/v2`], http: { hostLimits: { public: limit, operator: limit, hosts: [] } } });
    try {
      const refs = ['1.0.0', ...tags].map((tag) => ref(`acme/app:${tag}`));
      const first = await stack.resolver.resolveAll(refs);
      expect([...first.values()].filter((r) => r.status === 'resolved')).toHaveLength(60);
      expect(stack.http.stats.byKind.manifest).toBe(60);
      // undici closes after every HEAD unless told not to: that was 60 connections, one per HEAD. A
      // slot is freed a moment before its socket is; the pool, capped at the host's limit, waits for
      // that socket instead of opening a fifth connection (it opened up to 15 before the cap).
      expect(counter.connections).toBeGreaterThan(0);
      expect(counter.connections).toBeLessThanOrEqual(4);
      const opened = counter.connections;
      // Tags that are not there: 404 answers, and whatever the resolver then asks, on the same connections.
      const second = await stack.resolver.resolveAll(['2.0.0', '2.0.1'].map((tag) => ref(`acme/app:${tag}`)));
      expect([...second.values()].map((r) => r.status)).not.toContain('resolved');
      expect(counter.connections).toBe(opened);
    } finally {
      await stack.close();
    }
  });
});
