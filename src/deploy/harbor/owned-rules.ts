import type { HarborRule } from './types.js';

/**
 * The mark on every immutable-tag rule imagepin writes. Harbor rules have no name or description,
 * so the mark is one more alternative in the rule's tag pattern: `{0.0.130,0.0.129,imagepin~protect}`.
 * `~` cannot occur in a tag (`[\w][\w.-]*`), so the alternative never matches anything, Harbor
 * keeps the pattern as written, and a person reading the rule in Harbor's UI sees whose it is.
 */
export const OWNER_MARK = 'imagepin~protect';

/** What one rule of imagepin's protects: the cross product of its repositories and tags. */
export interface RuleGroup {
  repositories: string[];
  tags: string[];
}

const alternatives = (items: string[]): string => (items.length === 1 ? items[0]! : `{${items.join(',')}}`);

/** Harbor's ImmutableRule for a group, in the shape its UI writes (doublestar selectors). */
export function ownedRule(group: RuleGroup): HarborRule {
  return {
    disabled: false,
    action: 'immutable',
    template: 'immutable_template',
    params: {},
    tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: `{${[...group.tags, OWNER_MARK].join(',')}}` }],
    scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: alternatives(group.repositories) }] },
  };
}

const split = (pattern: string): string[] => (pattern.startsWith('{') && pattern.endsWith('}') ? pattern.slice(1, -1).split(',') : [pattern]);

/** Whether a rule carries imagepin's mark. Only these rules are ever changed or deleted. */
export function isOwned(rule: HarborRule): boolean {
  return (rule.tag_selectors ?? []).some((s) => split(s.pattern).includes(OWNER_MARK));
}

/**
 * The group an owned rule protects, read back from its patterns; undefined when someone edited it
 * into a shape imagepin does not write (it is then replaced, since it carries the mark).
 */
export function groupOf(rule: HarborRule): RuleGroup | undefined {
  const tags = rule.tag_selectors ?? [];
  const repos = rule.scope_selectors?.repository ?? [];
  if (rule.disabled || tags.length !== 1 || repos.length !== 1 || tags[0]!.decoration !== 'matches' || repos[0]!.decoration !== 'repoMatches') return undefined;
  const list = split(tags[0]!.pattern).filter((t) => t !== OWNER_MARK);
  return { repositories: split(repos[0]!.pattern), tags: list };
}

/** The same rule, as far as protection goes (Harbor adds ids, priorities and empty params). */
export function sameRule(a: HarborRule, b: HarborRule): boolean {
  const key = (r: HarborRule) => JSON.stringify([r.disabled ?? false, r.tag_selectors?.map((s) => [s.decoration, s.pattern]), r.scope_selectors?.repository?.map((s) => [s.decoration, s.pattern])]);
  return key(a) === key(b);
}
