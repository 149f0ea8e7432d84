import type { Inventory } from '../engine/scan.js';
import { formatPath } from '../model/position.js';

/** How the default images of one chart reference change when a PR changes its version. */
export interface ChartChange {
  file: string;
  line: number;
  chart: string;
  from: string;
  to: string;
  images: { path: string; before?: string; after?: string }[];
}

/**
 * Compares the chart-default images of head and base for each chart reference (same file and
 * YAML path) whose version changed: which default images appear, disappear or change.
 */
export function chartChanges(head: Inventory, base: Inventory): ChartChange[] {
  const key = (file: string, path: (string | number)[]) => `${file}|${formatPath(path)}`;
  const baseRefs = new Map(base.charts.map((c) => [key(c.file, c.path), c]));
  const images = (inventory: Inventory, file: string, owner: string): Map<string, string> => new Map(inventory.occurrences
    .filter((o) => o.origin === 'chart-default' && o.file === file && `${o.owner?.kind}/${o.owner?.name}` === owner)
    .map((o) => [formatPath(o.path), o.reference?.canonical ?? o.raw]));
  const out: ChartChange[] = [];
  for (const ref of head.charts) {
    const before = baseRefs.get(key(ref.file, ref.path));
    if (!before || before.version === ref.version || !ref.version || !before.version) continue;
    const owner = `${ref.owner.kind}/${ref.owner.name}`;
    const now = images(head, ref.file, owner);
    const then = images(base, before.file, owner);
    const paths = [...new Set([...then.keys(), ...now.keys()])].sort();
    const changed = paths.filter((p) => then.get(p) !== now.get(p)).map((path) => ({ path, ...(then.has(path) && { before: then.get(path) }), ...(now.has(path) && { after: now.get(path) }) }));
    if (changed.length) out.push({ file: ref.file, line: (ref.versionNode?.span ?? ref.span).start.line, chart: ref.chart ?? ref.repoURL ?? '', from: before.version, to: ref.version, images: changed });
  }
  return out;
}
