import picomatch from 'picomatch';
import type { HarborArtifact, HarborRetentionPolicy, HarborRule, HarborSelector } from '../../src/deploy/harbor/types.js';

/** A selector as Harbor's doublestar matcher reads it (braces, `*`, `**`); `excludes` decorations invert. */
function passes(selector: HarborSelector, value: string): boolean {
  const hit = picomatch.isMatch(value, selector.pattern, { dot: true });
  return selector.decoration === 'excludes' || selector.decoration === 'repoExcludes' ? !hit : hit;
}

const inScope = (rule: HarborRule, repository: string): boolean => (rule.scope_selectors?.repository ?? []).every((s) => passes(s, repository));
const tagMatches = (rule: HarborRule, tag: string): boolean => (rule.tag_selectors ?? []).every((s) => passes(s, tag));

/** Whether an enabled immutable-tag rule of the project makes this tag immutable. */
export function isImmutable(rules: HarborRule[], repository: string, tag: string): boolean {
  return rules.some((r) => !r.disabled && inScope(r, repository) && tagMatches(r, tag));
}

/**
 * The fake's own retention run, written from Harbor's documentation and independent of imagepin's
 * forecast: each enabled rule in scope retains the `latestPushedK` most recently pushed artifacts
 * among those whose tags it selects (or all of them, for `always`); an artifact no rule retains is
 * deleted, unless one of its tags is immutable. Other templates are refused so a test cannot
 * silently rely on them.
 */
export function retentionRun(policy: HarborRetentionPolicy, immutable: HarborRule[], repository: string, artifacts: HarborArtifact[]): HarborArtifact[] {
  const retained = new Set<string>();
  for (const rule of policy.rules ?? []) {
    if (rule.disabled || rule.action !== 'retain' || !inScope(rule, repository)) continue;
    const selected = artifacts.filter((a) => (a.tags ?? []).some((t) => tagMatches(rule, t.name)));
    if (rule.template === 'always') selected.forEach((a) => retained.add(a.digest));
    else if (rule.template === 'latestPushedK') {
      const k = Number(rule.params?.latestPushedK ?? 0);
      [...selected].sort((a, b) => Date.parse(b.push_time) - Date.parse(a.push_time)).slice(0, k).forEach((a) => retained.add(a.digest));
    } else throw new Error(`the fake Harbor does not run the retention template ${rule.template}`);
  }
  return artifacts.filter((a) => !retained.has(a.digest) && !(a.tags ?? []).some((t) => isImmutable(immutable, repository, t.name)));
}
