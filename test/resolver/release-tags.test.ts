import { ref } from '../helpers/ref.js';
import { createResolver, type ResolverStack } from '../../src/resolver/index.js';
import { describeWithBinary } from '../harness/binaries.js';
import { pushImage, type PushTarget } from '../harness/push.js';
import { TestRegistry } from '../harness/registry.js';

/**
 * Which release a short tag is, against a real registry: PostgreSQL and Redis publish `16.4` and
 * `7.2` as releases; a short tag is partial only when longer tags sit below it.
 */
describeWithBinary('docker-registry', 'apt-get install docker-registry', 'release naming of two-part and partial tags', () => {
  let registry: TestRegistry;
  let stack: ResolverStack;
  const d: Record<string, string> = {};

  beforeAll(async () => {
    registry = await TestRegistry.start();
    const target: PushTarget = { url: registry.url };
    // postgres: two-part releases only, `16` and `latest` share 16.4; `14` shares 14.10 (no 14.10.x exists).
    d.pg164 = await pushImage(target, 'library/postgres', ['16.4', '16', 'latest']);
    d.pg163 = await pushImage(target, 'library/postgres', ['16.3']);
    d.pg1410 = await pushImage(target, 'library/postgres', ['14.10', '14']);
    d.pg149 = await pushImage(target, 'library/postgres', ['14.9']);
    // redis: `7.2` has patch releases below it and shares the newest.
    d.redis725 = await pushImage(target, 'library/redis', ['7.2.5', '7.2']);
    d.redis724 = await pushImage(target, 'library/redis', ['7.2.4']);
    // valkey: `8.0` has a patch release below it, but its own digest matches none: a build between releases.
    d.valkey80 = await pushImage(target, 'valkey/valkey', ['8.0']);
    d.valkey801 = await pushImage(target, 'valkey/valkey', ['8.0.1']);
  });

  afterAll(async () => {
    await registry?.stop();
  });

  beforeEach(() => {
    stack = createResolver({ endpoints: [`docker.io=${registry.url}/v2`] });
  });

  afterEach(async () => {
    await stack.close();
  });

  test.each([
    ['postgres:16.4', 'pg164', { version: '16.4', versionSource: 'tag', partial: false }],
    ['postgres:16', 'pg164', { version: '16.4', versionSource: 'shared-digest', partial: true }],
    ['postgres:latest', 'pg164', { version: '16.4', versionSource: 'shared-digest' }],
    ['postgres:14', 'pg1410', { version: '14.10', versionSource: 'shared-digest', partial: true }],
    ['postgres:14.10', 'pg1410', { version: '14.10', versionSource: 'tag', partial: false }],
    ['redis:7.2', 'redis725', { version: '7.2.5', versionSource: 'shared-digest', partial: true }],
    ['valkey/valkey:8.0', 'valkey80', { versionSource: 'development-build', partial: true }],
  ])('%s is named %j', async (text, digest, expected) => {
    const result = await stack.resolver.resolve(ref(text));
    expect(result).toMatchObject({ status: 'resolved', digest: d[digest], ...expected });
    if (!('version' in expected)) expect(result.version).toBeUndefined();
  });
});
