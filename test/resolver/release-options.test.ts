import { defaultConfig } from '../../src/config/schema.js';
import { analyze } from '../../src/engine/analyze.js';
import { applyByFile } from '../../src/fixers/apply.js';
import { planFixes } from '../../src/fixers/plan.js';
import { createResolver, type ResolverStack } from '../../src/resolver/index.js';
import { MemorySource } from '../../src/sources/memory.js';
import { describeWithBinary } from '../harness/binaries.js';
import { pushImage, retag, type PushTarget } from '../harness/push.js';
import { TestRegistry } from '../harness/registry.js';

const pod = (images: string[]) => `apiVersion: v1\nkind: Pod\nmetadata: {name: db}\nspec:\n  containers:\n${images.map((image, i) => `    - name: c${i}\n      image: ${image}\n`).join('')}`;

/**
 * The releases a moving tag's fix names, against a real registry: the base branch's release, the
 * one the tag is today, and the newest stable one on the same track (same major, same variant, no
 * pre-releases); and which one the follow-up takes, and why.
 */
describeWithBinary('docker-registry', 'apt-get install docker-registry', 'release options: base branch release and newest stable release on the track', () => {
  let registry: TestRegistry;
  let stack: ResolverStack;
  const d: Record<string, string> = {};

  beforeAll(async () => {
    registry = await TestRegistry.start();
    const t: PushTarget = { url: registry.url };
    // postgres: `16` is 16.4 today; 16.6 is the newest 16; 17.2 is `latest`; 17.3-rc1 and 16.7-beta1-alpine are pre-releases.
    d.pg164 = await pushImage(t, 'library/postgres', ['16.4', '16']);
    d.pg163 = await pushImage(t, 'library/postgres', ['16.3']);
    d.pg166 = await pushImage(t, 'library/postgres', ['16.6']);
    d.pg172 = await pushImage(t, 'library/postgres', ['17.2', 'latest']);
    await pushImage(t, 'library/postgres', ['17.3-rc1']);
    d.pg1410 = await pushImage(t, 'library/postgres', ['14.10', '14']);
    d.pg149 = await pushImage(t, 'library/postgres', ['14.9']);
    d.pg164alpine = await pushImage(t, 'library/postgres', ['16.4-alpine', '16-alpine']);
    d.pg166alpine = await pushImage(t, 'library/postgres', ['16.6-alpine']);
    await pushImage(t, 'library/postgres', ['16.7-beta1-alpine']);
    // redis: `7.2` has nothing below it (a release); `7.4` has 7.4.1 and 7.4.2 below it (partial).
    d.redis72 = await pushImage(t, 'library/redis', ['7.2']);
    d.redis741 = await pushImage(t, 'library/redis', ['7.4.1']);
    d.redis742 = await pushImage(t, 'library/redis', ['7.4.2']);
    await retag(t, 'library/redis', '7.4.2', ['7.4']);
    // metallb: `main` is a nightly; the newest 0.x is v0.14.8, and a v1.0.0 exists on another major.
    d.main = await pushImage(t, 'metallb/controller', ['main']);
    d.v01312 = await pushImage(t, 'metallb/controller', ['v0.13.12']);
    d.v0148 = await pushImage(t, 'metallb/controller', ['v0.14.8']);
    await pushImage(t, 'metallb/controller', ['v1.0.0']);
  });
  afterAll(() => registry?.stop());
  beforeEach(() => {
    stack = createResolver({ endpoints: [`docker.io=${registry.url}/v2`, `quay.io=${registry.url}/v2`] });
  });
  afterEach(() => stack.close());

  const run = async (head: string[], base?: string[]) => {
    const result = await analyze({ head: new MemorySource({ 'db.yaml': pod(head) }), ...(base && { base: new MemorySource({ 'db.yaml': pod(base) }) }), config: defaultConfig(), resolver: stack.resolver });
    const options = (i: number) => result.inventory.releaseOptions?.get(result.inventory.occurrences[i]!);
    const fix = (i: number, rule = 'floating-tag') => result.findings.find((f) => f.ruleId === rule && f.reference === result.inventory.occurrences[i]!.reference?.canonical)?.fix;
    return { ...result, options, fix };
  };

  test('a partial tag: the base branch\'s release first, today\'s, the newest of the same major (never 17.x or a release candidate); the follow-up takes the base\'s and warns for a stateful image', async () => {
    const { options, fix, inventory, findings } = await run(['postgres:16'], ['postgres:16.3']);
    expect(options(0)).toEqual({ base: { tag: '16.3', digest: d.pg163 }, today: { tag: '16.4', digest: d.pg164 }, newest: { tag: '16.6', digest: d.pg166 }, track: '16.x', chosen: 'base', stateful: true });
    expect(fix(0)).toBe(`Move to a release: the base branch's release \`postgres:16.3@${d.pg163}\`; or the release it is today \`postgres:16.4@${d.pg164}\`; or the newest stable release on its track (16.x) \`postgres:16.6@${d.pg166}\`. The pin imagepin proposes uses \`16.3\` (the base branch's, so nothing changes from what was reviewed). Moving this stateful image to another version is what stateful-major-change warns about: take a backup and follow its upgrade procedure.`);
    const text = pod(['postgres:16']);
    const { fixes } = await planFixes(inventory, { pin: true, mirror: false, config: defaultConfig(), text: () => text, devBuilds: 'skip' });
    expect(applyByFile(fixes, () => text).changes[0]?.after).toBe(pod([`postgres:16.3@${d.pg163}`]));
    expect(fixes[0]?.why).toBe('moved to 16.3, the release the base branch had');
    expect(findings.map((f) => f.ruleId)).toContain('floating-tag');
  });

  test('a variant suffix is kept: 16-alpine moves to an -alpine release, never the plain one or a beta', async () => {
    const { options, fix, findings } = await run(['postgres:16-alpine', 'postgres:16.6-alpine']);
    // 16.6-alpine has nothing below it: a release, like 16.4.
    expect(options(1)).toBeUndefined();
    expect(findings.filter((f) => f.reference === 'docker.io/library/postgres:16.6-alpine').map((f) => f.ruleId)).toEqual(['unpinned-digest']);
    expect(findings.find((f) => f.ruleId === 'floating-tag')?.message).toContain('`postgres:16-alpine` is a partial version');
    expect(options(0)).toEqual({ today: { tag: '16.4-alpine', digest: d.pg164alpine }, newest: { tag: '16.6-alpine', digest: d.pg166alpine }, track: '16.x, -alpine', chosen: 'today', stateful: true });
    expect(fix(0)).toContain('The pin imagepin proposes uses `16.4-alpine` (the release it is today, so nothing changes on the nodes).');
  });

  test('latest is today\'s release, and the newest on its major skips the release candidate', async () => {
    const { options } = await run(['postgres:latest']);
    expect(options(0)).toEqual({ today: { tag: '17.2', digest: d.pg172 }, newest: { tag: '17.2', digest: d.pg172 }, track: '17.x', chosen: 'today', stateful: true });
  });

  test('`14` whose digest equals 14.10\'s is release 14.10', async () => {
    const { options, findings } = await run(['postgres:14']);
    expect(options(0)).toMatchObject({ today: { tag: '14.10', digest: d.pg1410 }, newest: { tag: '14.10', digest: d.pg1410 }, chosen: 'today' });
    expect(findings.find((f) => f.ruleId === 'floating-tag')?.message).toContain('today it is release 14.10');
  });

  test('a two-part tag with nothing below it is a release (no move, just its digest); X.Y with X.Y.Z below it is partial', async () => {
    const { options, fix, findings } = await run(['redis:7.2', 'redis:7.4']);
    expect(options(0)).toBeUndefined();
    expect(findings.filter((f) => f.reference === 'docker.io/library/redis:7.2').map((f) => f.ruleId)).toEqual(['unpinned-digest']);
    expect(fix(0, 'unpinned-digest')).toContain(`redis:7.2@${d.redis72}`);
    expect(options(1)).toEqual({ today: { tag: '7.4.2', digest: d.redis742 }, newest: { tag: '7.4.2', digest: d.redis742 }, track: '7.x', chosen: 'today', stateful: true });
    expect(findings.find((f) => f.ruleId === 'floating-tag')?.message).toContain('`redis:7.4` is a partial version');
  });

  test('a nightly: the base branch\'s release, and the newest on the base release\'s major (v0.14.8, not v1.0.0); the follow-up takes the base\'s, never the frozen nightly', async () => {
    const { options, fix, inventory } = await run(['quay.io/metallb/controller:main'], ['quay.io/metallb/controller:v0.13.12']);
    expect(options(0)).toEqual({ base: { tag: 'v0.13.12', digest: d.v01312 }, newest: { tag: 'v0.14.8', digest: d.v0148 }, track: '0.x', chosen: 'base', stateful: false });
    expect(fix(0)).not.toContain(d.main);
    const text = pod(['quay.io/metallb/controller:main']);
    const { fixes } = await planFixes(inventory, { pin: true, mirror: false, config: defaultConfig(), text: () => text, devBuilds: 'skip' });
    expect(fixes.map((f) => f.to)).toEqual([`quay.io/metallb/controller:v0.13.12@${d.v01312}`]);
  });
});
