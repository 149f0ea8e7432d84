import { HarborClient } from '../../src/deploy/harbor/client.js';
import { HarborProtection } from '../../src/deploy/harbor/protection.js';
import { protectImages, type ProtectionSettings } from '../../src/deploy/protect/protect.js';
import { InMemoryProtectionStore } from '../../src/deploy/protect/store.js';
import type { ProtectedImage } from '../../src/deploy/protect/types.js';
import type { HarborRule } from '../../src/deploy/harbor/types.js';
import { FakeHarbor } from '../harness/fake-harbor.js';

const HOUR = 3_600_000;
const image = (repository: string, tag?: string, digest?: string, why: ProtectedImage['why'] = ['deployed']): ProtectedImage => ({ ref: { registry: 'harbor.example.com', repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) }, why });
const theirs: HarborRule = { action: 'immutable', template: 'immutable_template', tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: 'release-*' }], scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: '**' }] } };
const artifact = (tag: string, day: number) => ({ digest: `sha256:${tag.replace(/\D/g, '').padStart(64, '0')}`, push_time: `2026-11-${String(day).padStart(2, '0')}T00:00:00Z`, tags: [{ name: tag }] });

describe('protection in Harbor over HTTP', () => {
  let harbor: FakeHarbor;
  let settings: ProtectionSettings;
  let now: number;
  const client = () => new HarborClient({ url: harbor.url, registry: 'harbor.example.com', username: harbor.username, password: harbor.password });

  beforeEach(async () => {
    harbor = await new FakeHarbor().start();
    harbor.projects.set('apps', { project_id: 3, name: 'apps', metadata: { retention_id: '7' } });
    harbor.retentions.set('7', { id: 7, algorithm: 'or', rules: [{ action: 'retain', template: 'latestPushedK', params: { latestPushedK: 1 }, tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: '**' }], scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: '**' }] } }] });
    harbor.artifacts.set('apps/team/api', [artifact('1.0.0', 1), artifact('1.1.0', 2), artifact('1.2.0', 3)]);
    harbor.artifacts.set('apps/team/web', [artifact('2.9.0', 1), artifact('3.0.0', 2), artifact('3.1.0', 3)]);
    now = Date.parse('2026-11-23T09:00:00Z');
    settings = { mode: 'on', backends: [new HarborProtection(client())], store: new InMemoryProtectionStore(now), rollbackWindow: 3, narrowAfterMs: HOUR, ttlMs: 7 * 24 * HOUR };
  });
  afterEach(() => harbor.stop());

  it('keeps the union of every repository\'s images through a retention run and a tag delete, and leaves other rules alone', async () => {
    harbor.immutable.set('apps', [{ ...theirs, id: 900 }]);
    const a = await protectImages(settings, 'acme/api', [image('apps/team/api', '1.0.0'), image('apps/team/api', '1.1.0', undefined, ['rollback window'])], [], now);
    const b = await protectImages(settings, 'acme/web', [image('apps/team/web', '3.0.0', undefined, ['default branch'])], [], now);
    expect(a.faults).toEqual([]);
    expect(a.projects).toEqual([{ label: 'Harbor project `apps`', covered: ['api:1.0.0 (deployed)', 'api:1.1.0 (rollback window)'], uncovered: [], changes: ['create a rule protecting `team/api`: 1.0.0, 1.1.0'], applied: true }]);
    expect(b.projects[0]!.changes).toEqual(['create a rule protecting `team/web`: 3.0.0']);
    expect(harbor.immutable.get('apps')!.map((r) => r.id)).toEqual([900, 1, 2]);
    expect(await harbor.runRetention('apps')).toEqual(['team/web:2.9.0']);
    expect(harbor.artifacts.get('apps/team/api')!.map((x) => x.tags![0]!.name)).toEqual(['1.0.0', '1.1.0', '1.2.0']);
    const tagDelete = await fetch(`${harbor.url}/api/v2.0/projects/apps/repositories/team%252Fapi/artifacts/1.0.0/tags/1.0.0`, { method: 'DELETE', headers: { authorization: `Basic ${Buffer.from(`${harbor.username}:${harbor.password}`).toString('base64')}` } });
    expect(tagDelete.status).toBe(412);
    // The same again is no call at all.
    const writes = harbor.server.requests.filter((r) => r.method !== 'GET').length;
    await protectImages(settings, 'acme/api', [image('apps/team/api', '1.0.0'), image('apps/team/api', '1.1.0')], [], now + 10 * 60_000);
    expect(harbor.server.requests.filter((r) => r.method !== 'GET').length).toBe(writes);
  });

  it('lets go of what left the rollback window only after a sweep round, and a stale repository after its TTL', async () => {
    await protectImages(settings, 'acme/api', [image('apps/team/api', '1.0.0'), image('apps/team/api', '1.1.0')], [], now);
    const early = await protectImages(settings, 'acme/api', [image('apps/team/api', '1.1.0')], [], now + 30 * 60_000);
    expect(early.projects[0]!.changes).toEqual([]);
    const later = await protectImages(settings, 'acme/api', [image('apps/team/api', '1.1.0')], [], now + 2 * HOUR);
    expect(later.projects[0]!.changes).toEqual(['update rule 1 to protect `team/api`: 1.1.0 (was `team/api`: 1.0.0, 1.1.0)']);
    await protectImages(settings, 'acme/web', [image('apps/team/web', '3.0.0')], [], now + 2 * HOUR);
    const week = await protectImages(settings, 'acme/web', [image('apps/team/web', '3.0.0')], [], now + 8 * 24 * HOUR);
    expect(week.projects[0]!.changes).toEqual(['delete rule 1 (`team/api`: 1.1.0): no longer in use or in a rollback window']);
  });

  it('reports digest-only and floating references as not protectable, and other registries as not available', async () => {
    const r = await protectImages(settings, 'acme/api', [image('apps/team/api', undefined, `sha256:${'c'.repeat(64)}`), image('apps/team/api', 'latest'), image('apps/team/api', '1.2'), { ref: { registry: 'quay.io', repository: 'org/x', tag: '1.0.0' }, why: ['deployed'] }], [], now);
    expect(r.unprotectable).toEqual([
      `\`api@sha256:cccccccccccc\`: referenced by digest only; a tag rule cannot protect it (reference it as \`name:version@digest\`)`,
      '`api:latest`: `latest` is a floating tag; making it immutable would stop CI from pushing it, so it is not protected (pin a release tag)',
      '`api:1.2`: `1.2` is a floating tag; making it immutable would stop CI from pushing it, so it is not protected (pin a release tag)',
    ]);
    expect(r.unavailable).toEqual(['quay.io']);
    expect(harbor.immutable.get('apps') ?? []).toEqual([]);
  });

  it.each([
    ['a robot account without the create permission', (h: FakeHarbor) => void h.denied.add('create'), 'Harbor project `apps`: protection was not brought up to date (nothing was changed: Harbor answered HTTP 403 for POST /projects/apps/immutabletagrules: give the robot account the project\'s immutable-tag permissions (list, create, update, delete)); the next sweep tries again.'],
    ['a project full of other rules', (h: FakeHarbor) => void h.immutable.set('apps', Array.from({ length: 15 }, (_, i) => ({ ...theirs, id: 100 + i, tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: `v${i}.*` }] }))), 'Harbor project `apps`: nothing is protected: the project holds 15 immutable-tag rules that imagepin did not create, and Harbor allows 15: remove one, or protect these tags by hand.'],
    ['Harbor down', (h: FakeHarbor) => void (h.down = true), 'Harbor project `apps`: protection was not checked (Harbor answered HTTP 503 for /projects/apps/immutabletagrules: core is not available); the next sweep tries again.'],
  ])('%s: one line, nothing half-applied, and the next sweep applies it', async (_name, fault, line) => {
    fault(harbor);
    const before = JSON.stringify(harbor.immutable.get('apps') ?? []);
    const r = await protectImages(settings, 'acme/api', [image('apps/team/api', '1.0.0')], [], now);
    expect(r.faults).toEqual([line]);
    expect(r.projects[0]!.uncovered).toEqual(['api:1.0.0 (deployed)']);
    expect(JSON.stringify(harbor.immutable.get('apps') ?? [])).toBe(before);
    harbor.denied.clear();
    harbor.down = false;
    harbor.immutable.set('apps', []);
    const retry = await protectImages(settings, 'acme/api', [image('apps/team/api', '1.0.0')], [], now + HOUR);
    expect([retry.faults, retry.projects[0]!.covered]).toEqual([[], ['api:1.0.0 (deployed)']]);
  });

  it('stops at a failing call mid-way and says how many changes were made', async () => {
    await protectImages(settings, 'acme/api', [image('apps/team/api', '1.0.0')], [], now);
    harbor.denied.add('update');
    const r = await protectImages(settings, 'acme/api', [image('apps/team/api', '1.0.0'), image('apps/team/api', '1.1.0'), image('apps/team/web', '3.0.0')], [], now);
    expect(r.faults[0]).toMatch(/^Harbor project `apps`: protection was not brought up to date \(1 of 2 changes were made: Harbor answered HTTP 403 for PUT \/projects\/apps\/immutabletagrules\/1/);
    expect(r.projects[0]!.covered).toEqual(['api:1.0.0 (deployed)', 'web:3.0.0 (deployed)']);
    expect(r.projects[0]!.uncovered).toEqual(['api:1.1.0 (deployed)']);
  });
});
