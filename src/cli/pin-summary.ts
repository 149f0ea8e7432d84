import type { Applied } from '../fixers/apply.js';
import type { FileChange, Fix, Skipped } from '../fixers/types.js';
import type { Occurrence } from '../model/occurrence.js';

const lineOf = (occ: Occurrence): number => (occ.parts.image ?? occ.parts.repository)?.span.start.line ?? 1;

export interface PinOutcome {
  occurrences: Occurrence[];
  changes: FileChange[];
  dropped: Applied['dropped'];
  skipped: Skipped[];
  dryRun: boolean;
}

/**
 * What `imagepin pin` tells the user: one line per change and per reference it did not change,
 * then the totals. "Left as they are" counts every reference that is still not pinned or was not
 * moved and was not changed: fixes dropped after re-reading, planned fixes skipped with a reason,
 * and references it cannot pin at all (templated, tag from the chart, not a valid reference).
 */
export function pinReport({ occurrences, changes, dropped, skipped, dryRun }: PinOutcome): string {
  const report: string[] = [];
  const changed = new Set<Occurrence>();
  for (const { path, fixes } of changes) {
    for (const fix of fixes as Fix[]) {
      changed.add(fix.occurrence);
      report.push(`  ${path}:${lineOf(fix.occurrence)}  ${fix.from} → ${fix.to}  (${fix.why})`);
    }
  }
  const left = new Set<Occurrence>();
  for (const { fix, reason } of dropped) {
    if (changed.has(fix.occurrence)) continue;
    left.add(fix.occurrence);
    report.push(`  ${fix.occurrence.file}:${lineOf(fix.occurrence)}  not changed: ${reason}`);
  }
  for (const s of skipped) {
    report.push(`  ${s.occurrence.file}:${lineOf(s.occurrence)}  ${s.occurrence.raw}: ${s.reason}`);
    if (!changed.has(s.occurrence)) left.add(s.occurrence);
  }
  for (const occ of occurrences) {
    if (occ.reference && !occ.skipReason) continue;
    left.add(occ);
    report.push(`  ${occ.file}:${lineOf(occ)}  ${occ.raw}: not pinned: ${occ.skipReason ? `${occ.skipReason}${occ.skipDetail ? ` (${occ.skipDetail})` : ''}` : 'not a valid image reference'}`);
  }
  const n = changed.size;
  const files = changes.filter((c) => c.fixes.length > 0).length;
  const s = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  const summary = `imagepin pin: ${dryRun ? 'would change' : 'changed'} ${s(n, 'reference')} in ${s(files, 'file')}; ${left.size} left as they are`;
  return `${report.join('\n')}${report.length ? '\n' : ''}${summary}\n`;
}
