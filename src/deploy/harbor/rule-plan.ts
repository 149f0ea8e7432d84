import { groupOf, isOwned, ownedRule, sameRule, type RuleGroup } from './owned-rules.js';
import type { HarborRule } from './types.js';

/** Harbor holds at most 15 immutable-tag rules per project. */
export const MAX_RULES = 15;

/** The calls that bring a project's imagepin rules to the wanted groups, and what shaped them. */
export interface RulePlan {
  creates: HarborRule[];
  updates: { id: number; rule: HarborRule }[];
  deletes: number[];
  groups: RuleGroup[];
  /** Repository/tag pairs protected only because grouping put their repositories in one rule. */
  overreach: number;
  /** Rules of the project that imagepin did not create (never touched). */
  foreign: number;
  /** Says how Harbor's rule limit shaped the plan, when it did. */
  limited?: string;
  /** Nothing can be protected: every rule the project may hold belongs to someone else. */
  blocked?: string;
}

const protects = (g: RuleGroup): number => g.repositories.length * g.tags.length;
const union = (a: string[], b: string[]): string[] => [...new Set([...a, ...b])].sort();

/**
 * Groups repositories into at most `budget` rules. One rule per repository protects exactly its
 * tags; past the budget, the two groups whose merge adds the fewest unwanted repository/tag pairs
 * are merged, again and again (ties: the first pair in name order), so services released with the
 * same versions share a rule first.
 */
export function groupRepositories(desired: Map<string, Set<string>>, budget: number): RuleGroup[] {
  const groups: RuleGroup[] = [...desired].filter(([, tags]) => tags.size > 0).sort(([a], [b]) => a.localeCompare(b)).map(([repo, tags]) => ({ repositories: [repo], tags: [...tags].sort() }));
  while (groups.length > Math.max(budget, 1)) {
    let best = { cost: Infinity, i: 0, j: 1 };
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const merged = { repositories: union(groups[i]!.repositories, groups[j]!.repositories), tags: union(groups[i]!.tags, groups[j]!.tags) };
        const cost = protects(merged) - protects(groups[i]!) - protects(groups[j]!);
        if (cost < best.cost) best = { cost, i, j };
      }
    }
    const [a, b] = [groups[best.i]!, groups[best.j]!];
    groups.splice(best.j, 1);
    groups[best.i] = { repositories: union(a.repositories, b.repositories), tags: union(a.tags, b.tags) };
  }
  return groups;
}

/**
 * Plans a project's imagepin rules for the wanted tags per repository. Rules without imagepin's
 * mark are counted against the limit and never touched. Existing imagepin rules are reused in
 * place (same repositories first), so a sweep that changes nothing makes no call; new rules are
 * created, and rules no group needs are deleted last.
 */
export function planRules(existing: HarborRule[], desired: Map<string, Set<string>>, limit = MAX_RULES): RulePlan {
  const owned = existing.filter((r) => isOwned(r) && r.id !== undefined);
  const foreign = existing.length - existing.filter(isOwned).length;
  const budget = limit - foreign;
  const wanted = [...desired.values()].reduce((n, tags) => n + tags.size, 0);
  const plan: RulePlan = { creates: [], updates: [], deletes: [], groups: [], overreach: 0, foreign };
  if (wanted > 0 && budget <= 0) {
    plan.blocked = `the project holds ${existing.length} immutable-tag rules that imagepin did not create, and Harbor allows ${limit}: remove one, or protect these tags by hand`;
    return plan;
  }
  plan.groups = groupRepositories(desired, budget);
  const needed = [...desired.values()].filter((t) => t.size > 0).length;
  plan.overreach = plan.groups.reduce((n, g) => n + protects(g), 0) - wanted;
  if (plan.groups.length < needed) {
    plan.limited = `Harbor allows ${limit} immutable-tag rules per project and ${foreign} ${foreign === 1 ? 'is' : 'are'} not imagepin's, so ${needed} repositories share ${plan.groups.length} rules; grouped rules also protect ${plan.overreach} tag${plan.overreach === 1 ? '' : 's'} of other repositories in their group`;
  }
  const free = [...owned];
  const take = (group: RuleGroup): HarborRule | undefined => {
    const key = group.repositories.join(',');
    const i = free.findIndex((r) => groupOf(r)?.repositories.join(',') === key);
    return i >= 0 ? free.splice(i, 1)[0] : undefined;
  };
  const unmatched: RuleGroup[] = [];
  for (const group of plan.groups) {
    const rule = take(group);
    if (!rule) unmatched.push(group);
    else if (!sameRule(rule, ownedRule(group))) plan.updates.push({ id: rule.id!, rule: ownedRule(group) });
  }
  for (const group of unmatched) {
    const rule = free.shift();
    if (rule) plan.updates.push({ id: rule.id!, rule: ownedRule(group) });
    else plan.creates.push(ownedRule(group));
  }
  plan.deletes = free.map((r) => r.id!);
  return plan;
}
