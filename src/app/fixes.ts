import type { Config } from '../config/schema.js';
import type { Inventory } from '../engine/scan.js';
import { applyByFile } from '../fixers/apply.js';
import { planFixes } from '../fixers/plan.js';
import type { FileChange, Skipped } from '../fixers/types.js';
import { occurrenceLines } from '../model/occurrence-lines.js';
import { parseReference } from '../model/reference.js';
import type { Resolver } from '../resolver/resolver.js';
import type { ChangedFile, FetchedSource } from '../sources/github-pr.js';
import { ownedByChange } from './own.js';

export type { FileChange };

/** What the fixes change, and every reference they leave alone with the reason. */
export interface PlannedChanges {
  changes: FileChange[];
  skipped: Skipped[];
}

/**
 * The fixes for the references a PR adds or changes (any of their lines: the same predicate as
 * the comment's split), pins and mirror moves when mirrors are configured, applied per file and
 * confirmed. References the PR did not touch are left to `/imagepin pin-all`.
 */
export async function planPullRequestFixes(inventory: Inventory, changed: ChangedFile[], head: FetchedSource, config: Config, resolver: Resolver): Promise<PlannedChanges> {
  const own = ownedByChange(changed);
  const mine = { ...inventory, occurrences: inventory.occurrences.filter((o) => own(o.file, occurrenceLines(o))) };
  const text = (file: string): string => head.text(file) ?? '';
  const { fixes, skipped } = await planFixes(mine, { pin: true, mirror: Object.keys(config.mirrors).length > 0, config, resolver, text, devBuilds: 'skip' });
  const { changes, dropped } = applyByFile(fixes, text);
  return { changes, skipped: [...skipped, ...dropped.map((d) => ({ occurrence: d.fix.occurrence, reason: `not changed: ${d.reason}` }))] };
}

const lineOf = (occ: Skipped['occurrence']): number => (occ.parts.image ?? occ.parts.repository ?? occ.parts.tag)?.span.start.line ?? 1;

/**
 * A PR body's list of changes: one item per reference with where, from, to, the full digest to
 * compare, and why. A list, not a table, so a 71-character digest never needs scrolling.
 */
export function fixList(changes: FileChange[]): string {
  return changes.flatMap((c) => c.fixes.map((f) => {
    const to = parseReference(f.to);
    const digest = to.ok ? to.ref.digest : undefined;
    const name = to.ok ? f.to.replace(/@sha256:[0-9a-f]+$/, '') : f.to;
    return `- \`${c.path}:${lineOf(f.occurrence)}\` \`${f.from}\` → \`${name}\`  \n  ${digest ? `digest \`${digest}\`; ` : ''}${f.why}`;
  })).join('\n');
}

/** One list item per reference left alone: where, the image, and the reason. */
export const skippedItems = (skipped: Skipped[]): string[] =>
  skipped.map((s) => `- \`${s.occurrence.file}:${lineOf(s.occurrence)}\` \`${s.occurrence.reference?.canonical ?? s.occurrence.raw}\`: ${s.reason}`);

/** The heading of that list, shared by the follow-up PR body and the fork review. */
export const skippedHeading = (count: number): string => `Left as they are (${count}):`;

/** Every reference a PR leaves alone, named with its reason; nothing when none was. */
export function skippedList(skipped: Skipped[], max = 200): string {
  if (skipped.length === 0) return '';
  const items = skippedItems(skipped.slice(0, max));
  const rest = skipped.length > max ? [`- …and ${skipped.length - max} more (\`imagepin pin --dry-run\` lists every one).`] : [];
  return [skippedHeading(skipped.length), '', ...items, ...rest].join('\n');
}
