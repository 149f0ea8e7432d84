import { forecast } from './predict.js';
import type { HarborArtifact, HarborRetentionPolicy, HarborRule } from './types.js';

const now = Date.parse('2026-11-23T12:00:00Z');
const all = (pattern = '**'): Pick<HarborRule, 'tag_selectors' | 'scope_selectors'> => ({
  tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern }],
  scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: '**' }] },
});
const keep = (template: string, n?: number, pattern?: string): HarborRetentionPolicy => ({ id: 1, algorithm: 'or', rules: [{ action: 'retain', template, params: n === undefined ? {} : { [template]: n }, ...all(pattern) }] });

/** Tags 0.0.120 … 0.0.131 pushed one a day in order, except 0.0.125, rebuilt and pushed last. */
const artifacts: HarborArtifact[] = Array.from({ length: 12 }, (_, i) => {
  const tag = `0.0.${120 + i}`;
  const day = tag === '0.0.125' ? 22 : 10 + i;
  return { digest: `sha256:${String(i).padStart(64, '0')}`, push_time: `2026-11-${day}T00:00:00Z`, tags: [{ name: tag }] };
});
const deletedTags = (f: ReturnType<typeof forecast>): string[] => artifacts.filter((a) => f.deleted.has(a.digest)).map((a) => a.tags![0]!.name);

describe('Harbor retention forecast', () => {
  it('keeps the most recently pushed, by push time and not by tag name', () => {
    const f = forecast('builds-api', artifacts, keep('latestPushedK', 10), [], now);
    expect(deletedTags(f)).toEqual(['0.0.120', '0.0.121']);
    expect(f.deleted.get(artifacts[0]!.digest)).toContain('keeps the 10 most recently pushed');
    expect(f.deleted.get(artifacts[0]!.digest)).toContain('number 12 of 12 by push time');
    const three = forecast('builds-api', artifacts, keep('latestPushedK', 3), [], now);
    expect(deletedTags(three)).not.toContain('0.0.125');
    expect(deletedTags(three)).toContain('0.0.128');
  });

  it('protects what an immutable-tag rule covers', () => {
    const immutable: HarborRule[] = [{ action: 'immutable', template: 'immutable_template', ...all('0.0.12[01]') }];
    expect(deletedTags(forecast('builds-api', artifacts, keep('latestPushedK', 10), immutable, now))).toEqual([]);
  });

  it('leaves a repository no rule selects, and tags a rule does not select are deleted', () => {
    const other: HarborRetentionPolicy = { ...keep('always'), rules: [{ ...keep('always').rules![0]!, scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: 'web-*' }] } }] };
    expect(forecast('builds-api', artifacts, other, [], now).deleted.size).toBe(0);
    expect(deletedTags(forecast('builds-api', artifacts, keep('always', undefined, '0.0.13*'), [], now))).toHaveLength(10);
  });

  it('keeps by age, and keeps what an unknown template selects', () => {
    expect(deletedTags(forecast('builds-api', artifacts, keep('nDaysSinceLastPush', 5), [], now))).toEqual(['0.0.120', '0.0.121', '0.0.122', '0.0.123', '0.0.124', '0.0.126', '0.0.127', '0.0.128']);
    const f = forecast('builds-api', artifacts, keep('somethingNew', 3), [], now);
    expect([f.deleted.size, f.unknown]).toEqual([0, ['somethingNew']]);
  });
});
