import { reasonOf } from '../engine/contain.js';
import { extractFile } from '../extractors/index.js';
import { formatPath } from '../model/position.js';
import type { Occurrence } from '../model/occurrence.js';
import { applyEdits } from './splice.js';
import type { FileChange, Fix } from './types.js';

export interface Applied {
  text: string;
  applied: Fix[];
  /** Fixes whose result did not read back as intended: dropped, with what was read instead. */
  dropped: { fix: Fix; reason: string }[];
}

const where = (occ: Occurrence): string => `${occ.document}|${formatPath(occ.path)}`;

/**
 * Applies the fixes of one file and confirms each by extracting the result again: the occurrence
 * at the same document and YAML path must now read as intended. A fix that does not is dropped
 * and the rest applied again, so a file never changes in a way nobody meant.
 */
export function applyFixes(file: string, text: string, fixes: Fix[]): Applied {
  let kept = [...fixes];
  const dropped: Applied['dropped'] = [];
  for (let round = 0; round <= fixes.length; round++) {
    let result: string;
    try {
      result = applyEdits(text, kept.flatMap((f) => f.edits));
    } catch (err) {
      const bad = kept.pop()!;
      dropped.push({ fix: bad, reason: (err as Error).message });
      continue;
    }
    const after = new Map(extractFile(file, result).occurrences.map((o) => [where(o), o]));
    const reads = (fix: Fix): string | undefined => {
      if (fix.confirm) return fix.confirm(result);
      const now = after.get(where(fix.occurrence));
      return now?.reference?.canonical ?? now?.raw;
    };
    const failed = kept.filter((fix) => reads(fix) !== fix.intended);
    if (failed.length === 0) return { text: result, applied: kept, dropped };
    for (const fix of failed) dropped.push({ fix, reason: `after the edit it read as ${reads(fix) ?? 'nothing'}, not ${fix.intended}` });
    kept = kept.filter((f) => !failed.includes(f));
  }
  return { text, applied: [], dropped };
}

/** Applies fixes file by file (each confirmed); the files that change, with what dropped out. */
export function applyByFile(fixes: Fix[], text: (file: string) => string): { changes: FileChange[]; dropped: Applied['dropped'] } {
  const byFile = new Map<string, Fix[]>();
  for (const fix of fixes) {
    const group = byFile.get(fix.occurrence.file);
    if (group) group.push(fix);
    else byFile.set(fix.occurrence.file, [fix]);
  }
  const changes: FileChange[] = [];
  const dropped: Applied['dropped'] = [];
  for (const [path, group] of byFile) {
    // Each file is its own unit: if it cannot be read or edited, its fixes are dropped with the reason.
    try {
      const before = text(path);
      const result = applyFixes(path, before, group);
      dropped.push(...result.dropped);
      if (result.text !== before) changes.push({ path, before, after: result.text, fixes: result.applied });
    } catch (err) {
      for (const fix of group) dropped.push({ fix, reason: `the file could not be edited: ${reasonOf(err)}` });
    }
  }
  return { changes, dropped };
}
