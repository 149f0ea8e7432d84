import { OWNER_MARK, groupOf, isOwned, ownedRule } from './owned-rules.js';
import { forecast } from './predict.js';
import { groupRepositories, planRules } from './rule-plan.js';
import type { HarborRule } from './types.js';

const want = (entries: Record<string, string[]>): Map<string, Set<string>> => new Map(Object.entries(entries).map(([r, t]) => [r, new Set(t)]));
const foreign = (id: number, repo = '**', tag = 'v*'): HarborRule => ({ id, action: 'immutable', template: 'immutable_template', tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: tag }], scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: repo }] } });
/** What Harbor would list after a plan is applied to `existing` (ids from 100 up for new rules). */
const applied = (existing: HarborRule[], plan: ReturnType<typeof planRules>): HarborRule[] => [
  ...existing.filter((r) => !plan.deletes.includes(r.id!)).map((r) => plan.updates.find((u) => u.id === r.id)?.rule ? { ...plan.updates.find((u) => u.id === r.id)!.rule, id: r.id } : r),
  ...plan.creates.map((r, i) => ({ ...r, id: 100 + i })),
];

describe('the immutable-tag rule planner', () => {
  it('gives each repository its own marked rule and never touches rules imagepin did not create', () => {
    const existing = [foreign(1), foreign(2, 'platform/*', '{1.0.0,imagepin}')];
    const plan = planRules(existing, want({ 'platform/builds-api': ['0.0.130', '0.0.131'], 'platform/web': ['2.4.1'] }));
    expect(plan.creates).toEqual([ownedRule({ repositories: ['platform/builds-api'], tags: ['0.0.130', '0.0.131'] }), ownedRule({ repositories: ['platform/web'], tags: ['2.4.1'] })]);
    expect(plan.creates[0]!.tag_selectors![0]!.pattern).toBe(`{0.0.130,0.0.131,${OWNER_MARK}}`);
    expect(plan.creates[0]!.scope_selectors!.repository![0]!.pattern).toBe('platform/builds-api');
    expect([plan.updates, plan.deletes, plan.foreign, plan.overreach, plan.limited]).toEqual([[], [], 2, 0, undefined]);
    expect(existing.map(isOwned)).toEqual([false, false]);
  });

  it('makes no call when the rules already say it, updates in place, and deletes what left last', () => {
    const first = applied([foreign(1)], planRules([foreign(1)], want({ 'a/api': ['1.0.0'], 'a/web': ['2.0.0'] })));
    expect(planRules(first, want({ 'a/api': ['1.0.0'], 'a/web': ['2.0.0'] }))).toMatchObject({ creates: [], updates: [], deletes: [] });
    const next = planRules(first, want({ 'a/api': ['1.0.1', '1.0.0'] }));
    expect(next.creates).toEqual([]);
    expect(next.updates).toEqual([{ id: 100, rule: ownedRule({ repositories: ['a/api'], tags: ['1.0.0', '1.0.1'] }) }]);
    expect(next.deletes).toEqual([101]);
    expect(planRules(first, new Map())).toMatchObject({ creates: [], updates: [], deletes: [100, 101] });
  });

  it('groups repositories when the 15-rule limit is reached, merging those with the same versions first, and says so', () => {
    const existing = Array.from({ length: 13 }, (_, i) => foreign(i + 1, `team-${i}/**`));
    const plan = planRules(existing, want({ 'a/api': ['1.2.0', '1.3.0'], 'a/worker': ['1.2.0', '1.3.0'], 'a/web': ['7.0.0'], 'a/docs': ['7.0.0', '7.1.0'] }));
    expect(plan.groups).toEqual([{ repositories: ['a/api', 'a/worker'], tags: ['1.2.0', '1.3.0'] }, { repositories: ['a/docs', 'a/web'], tags: ['7.0.0', '7.1.0'] }]);
    expect(plan.overreach).toBe(1);
    expect(plan.limited).toBe("Harbor allows 15 immutable-tag rules per project and 13 are not imagepin's, so 4 repositories share 2 rules; grouped rules also protect 1 tag of other repositories in their group");
    expect(applied(existing, plan)).toHaveLength(15);
    expect(groupOf(plan.creates[0]!)).toEqual(plan.groups[0]);
  });

  it('protects nothing, and says why, when the project is full of rules that are not imagepin\'s', () => {
    const plan = planRules(Array.from({ length: 15 }, (_, i) => foreign(i + 1)), want({ 'a/api': ['1.0.0'] }));
    expect([plan.creates, plan.updates, plan.deletes]).toEqual([[], [], []]);
    expect(plan.blocked).toBe('the project holds 15 immutable-tag rules that imagepin did not create, and Harbor allows 15: remove one, or protect these tags by hand');
  });

  it('replaces a marked rule someone edited into another shape, and reads only its own mark', () => {
    const edited: HarborRule = { ...ownedRule({ repositories: ['a/api'], tags: ['1.0.0'] }), id: 7, disabled: true };
    expect(groupOf(edited)).toBeUndefined();
    expect(planRules([edited], want({ 'a/api': ['1.0.0'] })).updates).toEqual([{ id: 7, rule: ownedRule({ repositories: ['a/api'], tags: ['1.0.0'] }) }]);
    expect(isOwned(foreign(3, '**', 'imagepin~protect*'))).toBe(false);
    expect(groupRepositories(want({ b: ['1'], a: ['2'], c: [] }), 5)).toEqual([{ repositories: ['a'], tags: ['2'] }, { repositories: ['b'], tags: ['1'] }]);
  });

  it('writes rules that Harbor\'s retention honours exactly: the tags listed, not their neighbours', () => {
    const artifacts = ['0.0.13', '0.0.130', '0.0.131', '0.0.129'].map((tag, i) => ({ digest: `sha256:${i}`, push_time: `2026-11-0${i + 1}T00:00:00Z`, tags: [{ name: tag }] }));
    const keepNone = { id: 1, algorithm: 'or', rules: [{ action: 'retain', template: 'latestPushedK', params: { latestPushedK: 0 }, tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: '**' }], scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: '**' }] } }] };
    const f = forecast('platform/builds-api', artifacts, keepNone, [ownedRule({ repositories: ['platform/builds-api', 'platform/web'], tags: ['0.0.129', '0.0.130'] })], Date.now());
    expect([...f.immutable]).toEqual(['sha256:1', 'sha256:3']);
    expect([...f.deleted.keys()].sort()).toEqual(['sha256:0', 'sha256:2']);
  });
});
