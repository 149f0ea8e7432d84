import type { ChartChange } from '../charts/changes.js';
import type { Inventory } from '../engine/scan.js';
import type { Finding } from '../rules/types.js';
import { docsBase } from './doc-links.js';
import { blockCount, imageBlocks, renderBlock, renderCompact, type BlockContext, type ImageBlock } from './markdown-blocks.js';
import { chartChangesSection, chartDefaultsSection, diagnosticsSection, inventorySection, notFollowedSection } from './markdown-sections.js';
import { plural } from './risk-titles.js';
import { verdictOf, type FailOn } from './verdict.js';

/** Finds imagepin's own comment among a PR's comments; never shown. */
export const STICKY_MARKER = '<!-- imagepin:sticky -->';
/** GitHub's limit on a comment body. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  /** Prefix for file links, e.g. `https://github.com/o/r/blob/<sha>/`; plain `file:line` without it. */
  linkBase?: string;
  maxLength?: number;
  /** Lines shown under the verdict (configuration problems, the follow-up PR). */
  notices?: string[];
  /** Findings the change did not introduce: listed folded, not counted in the verdict. */
  preExisting?: Finding[];
  /** Default images that change with a chart version bump. */
  chartChanges?: ChartChange[];
  /** The check's policy, so the header says what the check concludes (default `error`). */
  failOn?: FailOn;
  /** Where rule pages live (see doc-links.ts); `null` for no links. */
  docs?: string | null;
}

/** How much a render shows; each step down drops the least urgent part first. */
interface Detail {
  inventory: boolean;
  routine: boolean;
  preExisting: boolean;
  blocks: number;
}

/**
 * The PR comment: a verdict line (what blocks the merge, what to do), one block per image with its
 * risks and fixes, files that could not be checked and remote includes not read, then routine findings, pre-existing ones and
 * the inventory folded. Over GitHub's limit it drops the inventory, then the folded lists, then
 * halves the image blocks; a block is never cut in half.
 */
export function toMarkdown(inventory: Inventory, findings: Finding[], options: MarkdownOptions = {}): string {
  const max = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const verdict = verdictOf(findings, options.failOn ?? 'error', inventory.occurrences.length, inventory.diagnostics);
  const ctx: BlockContext = { linkBase: options.linkBase, docs: options.docs === null ? undefined : (options.docs ?? docsBase()), blocking: new Set(verdict.blocking) };
  const blocks = imageBlocks(inventory, findings, ctx.blocking);
  const main = blocks.filter((b) => !b.routine);
  const routine = blocks.filter((b) => b.routine);
  const older = imageBlocks(inventory, options.preExisting ?? [], new Set());
  const todo = verdict.blocking.length ? 'Fix the ❌ risks below (each names its fix) and push again.' : findings.length ? 'Nothing here stops the merge; each risk below names its fix.' : '';

  // A comment over GitHub's limit is rendered again with less detail, up to a dozen times for a
  // large PR: each part is rendered once and reused (the parts are pure, so the text is the same).
  const memo = <K, V>(make: (key: K) => V): ((key: K) => V) => {
    const made = new Map<K, V>();
    return (key) => (made.has(key) ? made.get(key)! : (made.set(key, make(key)), made.get(key)!));
  };
  const full = memo((block: ImageBlock) => renderBlock(block, ctx));
  const compact = memo((block: ImageBlock) => renderCompact(block, ctx));
  const problems = memo((limit: number) => [...diagnosticsSection(inventory.diagnostics, ctx, limit), ...notFollowedSection(inventory.notFollowed ?? [], ctx, limit)]);
  const tail = memo((withInventory: boolean) => [...chartChangesSection(options.chartChanges ?? [], ctx), ...(withInventory ? [...chartDefaultsSection(inventory, ctx), ...inventorySection(inventory, ctx)] : [])]);

  const render = (detail: Detail): string => {
    const lines = [STICKY_MARKER, `### ${verdict.icon} imagepin: ${verdict.headline}`, ...(todo ? ['', todo] : []), ...(options.notices?.length ? ['', ...options.notices] : [])];
    const shown = main.slice(0, detail.blocks);
    for (const block of shown) lines.push(...full(block));
    if (shown.length < main.length) lines.push('', `…and ${blockCount(main.slice(shown.length))} more: each is annotated in the check run.`);
    lines.push(...problems(detail.blocks === Infinity ? Infinity : 20));
    if (routine.length) {
      lines.push('', `<details><summary>Routine: ${blockCount(routine)}</summary>`, '', ...(detail.routine ? routine.map(compact) : ['Listed in the check run.']), '', '</details>');
    }
    if (older.length) {
      lines.push('', `<details><summary>Already there before this PR: ${blockCount(older)}</summary>`, '', ...(detail.preExisting ? older.map(compact) : ['Left out to stay under GitHub\'s size limit: `imagepin scan` on the branch lists them.']), '', '</details>');
    }
    lines.push(...tail(detail.inventory));
    if (!detail.inventory && inventory.occurrences.length > 0) lines.push('', `_${plural(inventory.occurrences.length, 'image reference')} checked; the full list is in the check run._`);
    return `${lines.join('\n')}\n`;
  };

  const detail: Detail = { inventory: true, routine: true, preExisting: true, blocks: Infinity };
  let text = render(detail);
  for (const step of ['inventory', 'routine', 'preExisting'] as const) {
    if (text.length <= max) return text;
    detail[step] = false;
    text = render(detail);
  }
  let count = main.length;
  while (text.length > max && count > 0) {
    count = Math.floor(count / 2);
    detail.blocks = count;
    text = render(detail);
  }
  return text;
}
