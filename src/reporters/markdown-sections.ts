import type { ChartChange } from '../charts/changes.js';
import type { Inventory } from '../engine/scan.js';
import { resolvable } from '../engine/resolve.js';
import type { Diagnostic } from '../model/file-result.js';
import { notFollowedText, type NotFollowed } from '../model/not-followed.js';
import { short } from '../rules/describe.js';
import { code, where, type BlockContext } from './markdown-blocks.js';
import { plural } from './risk-titles.js';

/** `1.27.3 sha256:3f1c2a…`, or why there is no digest: the inventory is for orientation, the blocks carry full digests. */
function resolvedText(inventory: Inventory, occ: Inventory['occurrences'][number]): string {
  const resolution = resolvable(occ) ? inventory.resolutions?.get(occ.reference.canonical) : undefined;
  if (resolution?.digest) return ` → ${resolution.version ? `${code(resolution.version)} ` : ''}${code(`${resolution.digest.slice(0, 19)}…`)}`;
  if (resolution?.error) return ` → not resolved: ${resolution.error.kind}`;
  return occ.skipReason ? ` (${occ.skipReason})` : '';
}

function lineOf(occ: Inventory['occurrences'][number]): number {
  return (occ.parts.image ?? occ.parts.repository)?.span.start.line ?? 1;
}

/** Every image reference, folded: where, the reference, and what it resolved to. */
export function inventorySection(inventory: Inventory, ctx: BlockContext): string[] {
  if (inventory.occurrences.length === 0) return [];
  const items = inventory.occurrences.map((occ) => `- ${where(occ.file, lineOf(occ), ctx)} ${code(occ.reference ? short(occ.reference) : occ.raw)}${resolvedText(inventory, occ)}`);
  return ['', `<details><summary>All ${plural(inventory.occurrences.length, 'image reference')}</summary>`, '', ...items, '', '</details>'];
}

/** The images charts deploy by default, as their own group: incident 1 came from one of these. */
export function chartDefaultsSection(inventory: Inventory, ctx: BlockContext): string[] {
  const defaults = inventory.occurrences.filter((o) => o.origin === 'chart-default');
  if (defaults.length === 0) return [];
  const items = defaults.map((occ) => `- ${where(occ.file, lineOf(occ), ctx)} chart ${code(occ.owner?.chart ?? '?')}, ${code(occ.path.join('.'))}: ${code(occ.reference ? short(occ.reference) : occ.raw)}${resolvedText(inventory, occ)}`);
  return ['', `<details open><summary>Images the charts deploy by default (${defaults.length})</summary>`, '', ...items, '', '</details>'];
}

/** Default images that change with a chart version bump, per chart reference. */
export function chartChangesSection(changes: ChartChange[], ctx: BlockContext): string[] {
  return changes.flatMap((change) => [
    '', `#### Default images of ${code(change.chart)} ${code(change.from)} → ${code(change.to)}`, '', where(change.file, change.line, ctx), '',
    ...change.images.map((i) => `- ${code(i.path)}: ${i.before ? code(i.before) : 'none'} → ${i.after ? code(i.after) : 'none'}`),
  ]);
}

/** Files and charts imagepin could not check, with the reason: never folded, since their images went unchecked. */
export function diagnosticsSection(diagnostics: Diagnostic[], ctx: BlockContext, cap = Infinity): string[] {
  if (diagnostics.length === 0) return [];
  const shown = diagnostics.slice(0, cap);
  const rest = diagnostics.length - shown.length;
  return ['', `#### ⚠️ Not checked (${diagnostics.length})`, '',
    ...shown.map((d) => `- ${where(d.file, d.line ?? 1, ctx)} ${d.message} (${d.code})`),
    ...(rest > 0 ? [`- …and ${rest} more: see the check run.`] : [])];
}

/** What the tree includes that imagepin did not read (remote kustomize bases): a neutral note, not a problem (decision 43). */
export function notFollowedSection(notFollowed: NotFollowed[], ctx: BlockContext, cap = Infinity): string[] {
  if (notFollowed.length === 0) return [];
  const shown = notFollowed.slice(0, cap);
  const rest = notFollowed.length - shown.length;
  return ['', `#### ℹ️ Not read by imagepin (${notFollowed.length})`, '',
    ...shown.map((n) => `- ${notFollowedText(n, where(n.file, n.span.start.line, ctx), code(n.url))}.`),
    ...(rest > 0 ? [`- …and ${rest} more: see the check run.`] : [])];
}
