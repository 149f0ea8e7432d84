import type { Inventory } from '../engine/scan.js';
import { formatPath } from '../model/position.js';
import { spanOf } from '../rules/describe.js';
import type { ImageChange } from './types.js';

/**
 * The images a merge changes: occurrences of its changed files compared by file and YAML path,
 * before (first parent) and after. Added, removed and rewritten references are all listed.
 */
export function imageChanges(before: Inventory, after: Inventory): ImageChange[] {
  const key = (o: Inventory['occurrences'][number]): string => `${o.file}|${o.document}|${formatPath(o.path)}`;
  const then = new Map(before.occurrences.filter((o) => !o.origin).map((o) => [key(o), o]));
  const out: ImageChange[] = [];
  for (const o of after.occurrences) {
    if (o.origin) continue;
    const old = then.get(key(o));
    then.delete(key(o));
    if (old?.raw !== o.raw) out.push({ file: o.file, line: spanOf(o).start.line, ...(old ? { before: old.raw } : {}), after: o.raw });
  }
  for (const o of then.values()) out.push({ file: o.file, line: spanOf(o).start.line, before: o.raw });
  return out;
}
