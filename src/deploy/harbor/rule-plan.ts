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

interface Group {
  repositories: string[];
  tags: Set<string>;
}

/** How many more repository/tag pairs one rule for both protects than a rule for each. */
function mergeCost(a: Group, b: Group): number {
  const [small, large] = a.tags.size < b.tags.size ? [a.tags, b.tags] : [b.tags, a.tags];
  let shared = 0;
  for (const t of small) if (large.has(t)) shared++;
  const tags = a.tags.size + b.tags.size - shared;
  return (a.repositories.length + b.repositories.length) * tags - a.repositories.length * a.tags.size - b.repositories.length * b.tags.size;
}

/**
 * Groups repositories into at most `budget` rules. One rule per repository protects exactly its
 * tags; past the budget, the two groups whose merge adds the fewest unwanted repository/tag pairs
 * are merged, again and again (ties: the first pair in name order), so services released with the
 * same versions share a rule first. Pair costs are kept and only the merged group's are recomputed.
 */
export function groupRepositories(desired: Map<string, Set<string>>, budget: number): RuleGroup[] {
  const groups: (Group | undefined)[] = [...desired].filter(([, tags]) => tags.size > 0).sort(([a], [b]) => a.localeCompare(b)).map(([repo, tags]) => ({ repositories: [repo], tags: new Set(tags) }));
  const n = groups.length;
  const cost: number[][] = groups.map((a, i) => groups.map((b, j) => (j > i ? mergeCost(a!, b!) : Infinity)));
  for (let left = n; left > Math.max(budget, 1); left--) {
    let best = { cost: Infinity, i: -1, j: -1 };
    for (let i = 0; i < n; i++) {
      if (!groups[i]) continue;
      const row = cost[i]!;
      for (let j = i + 1; j < n; j++) if (groups[j] && row[j]! < best.cost) best = { cost: row[j]!, i, j };
    }
    const [a, b] = [groups[best.i]!, groups[best.j]!];
    groups[best.i] = { repositories: [...a.repositories, ...b.repositories].sort(), tags: new Set([...a.tags, ...b.tags]) };
    groups[best.j] = undefined;
    for (let k = 0; k < n; k++) {
      if (!groups[k] || k === best.i) continue;
      const c = mergeCost(groups[best.i]!, groups[k]!);
      if (k < best.i) cost[k]![best.i] = c;
      else cost[best.i]![k] = c;
    }
  }
  return groups.filter((g): g is Group => g !== undefined).map((g) => ({ repositories: g.repositories, tags: [...g.tags].sort() }));
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
