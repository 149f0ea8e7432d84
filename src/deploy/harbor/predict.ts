import picomatch from 'picomatch';
import type { HarborArtifact, HarborRetentionPolicy, HarborRule, HarborSelector } from './types.js';

const DAY = 86_400_000;

/** What the next retention run does to one repository's artifacts. */
export interface RetentionForecast {
  /** Digests the run deletes, each with why. */
  deleted: Map<string, string>;
  /** Digests protected by an immutable-tag rule. */
  immutable: Set<string>;
  /** Rules imagepin cannot predict (a template it does not know): their artifacts are assumed kept. */
  unknown: string[];
}

function matches(selector: HarborSelector, value: string, decorations: [string, string]): boolean {
  const hit = picomatch.isMatch(value, selector.pattern, { dot: true });
  return selector.decoration === decorations[1] ? !hit : hit;
}

function inScope(rule: HarborRule, repository: string): boolean {
  return (rule.scope_selectors?.repository ?? []).every((s) => matches(s, repository, ['repoMatches', 'repoExcludes']));
}

/** A tagged artifact is selected when one of its tags passes every tag selector; untagged ones only when a selector says `untagged`. */
function selected(rule: HarborRule, artifact: HarborArtifact): boolean {
  const selectors = rule.tag_selectors ?? [];
  const tags = artifact.tags ?? [];
  if (tags.length === 0) return selectors.some((s) => /"untagged"\s*:\s*true/.test(s.extras ?? ''));
  return tags.some((t) => selectors.every((s) => matches(s, t.name, ['matches', 'excludes'])));
}

const time = (iso: string | undefined): number => (iso ? Date.parse(iso) || 0 : 0);

/** The artifacts one rule retains, and in words what it keeps. */
function retains(rule: HarborRule, candidates: HarborArtifact[], now: number): { kept: HarborArtifact[]; says: string } | undefined {
  const n = Number(Object.values(rule.params ?? {})[0] ?? 0);
  const newest = (by: (a: HarborArtifact) => number): HarborArtifact[] => [...candidates].sort((a, b) => by(b) - by(a)).slice(0, n);
  switch (rule.template) {
    case 'always': return { kept: candidates, says: 'keeps every artifact' };
    case 'latestPushedK': return { kept: newest((a) => time(a.push_time)), says: `keeps the ${n} most recently pushed` };
    case 'latestPulledN': return { kept: newest((a) => time(a.pull_time)), says: `keeps the ${n} most recently pulled` };
    case 'nDaysSinceLastPush': return { kept: candidates.filter((a) => now - time(a.push_time) <= n * DAY), says: `keeps what was pushed in the last ${n} days` };
    case 'nDaysSinceLastPull': return { kept: candidates.filter((a) => now - time(a.pull_time) <= n * DAY), says: `keeps what was pulled in the last ${n} days` };
    default: return undefined;
  }
}

/**
 * Harbor's retention, as documented: the rules whose repository selector takes the repository
 * each retain some of the artifacts their tag selectors pick (by push or pull time, never by tag
 * name); a run deletes what no rule retains, except artifacts an immutable-tag rule protects. A
 * repository no rule selects is left alone.
 */
export function forecast(repository: string, artifacts: HarborArtifact[], policy: HarborRetentionPolicy | undefined, immutableRules: HarborRule[], now: number): RetentionForecast {
  const out: RetentionForecast = { deleted: new Map(), immutable: new Set(), unknown: [] };
  for (const rule of immutableRules) {
    if (rule.disabled || !inScope(rule, repository)) continue;
    for (const a of artifacts) if (selected(rule, a)) out.immutable.add(a.digest);
  }
  const rules = (policy?.rules ?? []).filter((r) => !r.disabled && r.action === 'retain' && inScope(r, repository));
  if (rules.length === 0) return out;
  const kept = new Set<string>();
  const says: string[] = [];
  for (const rule of rules) {
    const result = retains(rule, artifacts.filter((a) => selected(rule, a)), now);
    if (!result) {
      out.unknown.push(rule.template);
      for (const a of artifacts) if (selected(rule, a)) kept.add(a.digest);
      continue;
    }
    says.push(`${result.says}${rule.tag_selectors?.length ? ` of tags ${rule.tag_selectors.map((s) => `${s.decoration} ${s.pattern}`).join(', ')}` : ''}`);
    for (const a of result.kept) kept.add(a.digest);
  }
  const byPush = [...artifacts].sort((a, b) => time(b.push_time) - time(a.push_time));
  byPush.forEach((a, i) => {
    if (kept.has(a.digest) || out.immutable.has(a.digest)) return;
    out.deleted.set(a.digest, `the retention policy ${says.join('; ') || 'keeps nothing that matches'}, and this artifact is number ${i + 1} of ${artifacts.length} by push time (pushed ${a.push_time.slice(0, 10)})`);
  });
  return out;
}
