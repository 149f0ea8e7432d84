import { isMap, isSeq, type Node } from 'yaml';
import type { Occurrence } from '../../model/occurrence.js';
import { formatPath, type YamlPath } from '../../model/position.js';
import type { DocContext } from '../types.js';

/** A place that takes an anchored node through an alias (`main: *c`) or a merge key (`<<: *c`): `key` is the merged key. */
interface Use {
  source: Node;
  key?: string;
  at: YamlPath;
  via: string;
}

/**
 * The aliases of one values tree (decision 0063): the walk finds each image once, where its anchor
 * is written, and this adds a note naming the other places that take it, so a reader knows that
 * one pin changes them all. Per walk, never shared.
 */
export class AliasUses {
  private readonly anchored = new Map<Node, YamlPath>();
  private readonly uses: Use[] = [];

  constructor(private readonly ctx: DocContext) {}

  /** A collection the walk reached at `path`; kept when it carries an anchor. */
  walked(node: Node, path: YamlPath): void {
    if ((isMap(node) || isSeq(node)) && node.anchor) this.anchored.set(node, path);
  }

  /** `key: *c` of a collection, at `path` (the key's own path). */
  alias(source: Node, path: YamlPath): void {
    if ((isMap(source) || isSeq(source)) && source.anchor) this.uses.push({ source, at: path, via: `*${source.anchor}` });
  }

  /** `<<: *c` or `<<: [*a, *b]` in `map` at `path`: each key a source gives that the map does not write itself (the first source wins). */
  merge(map: Node, value: Node, path: YamlPath): void {
    const taken = new Set<string>();
    for (const [key] of this.ctx.view.entries(map)) if (key !== '<<') taken.add(key);
    const sources = isSeq(value) ? value.items.map((item) => this.ctx.view.deref(item)) : [value];
    for (const source of sources) {
      if (!isMap(source) || !source.anchor) continue;
      for (const [key] of this.ctx.view.entries(source)) {
        if (taken.has(key) || key === '<<') continue;
        taken.add(key);
        this.uses.push({ source, key, at: [...path, key], via: `<<: *${source.anchor}` });
      }
    }
  }

  /** Notes each occurrence inside a node some alias takes with the places that take it. */
  note(occurrences: Occurrence[]): void {
    if (this.uses.length === 0) return;
    for (const occ of occurrences) {
      const others: string[] = [];
      for (const use of this.uses) {
        const origin = this.anchored.get(use.source);
        if (!origin) continue;
        const from = use.key === undefined ? origin : [...origin, use.key];
        if (from.length > occ.path.length || from.some((seg, i) => occ.path[i] !== seg)) continue;
        others.push(`${formatPath([...use.at, ...occ.path.slice(from.length)])} through \`${use.via}\``);
      }
      if (others.length === 0) continue;
      const all = others.length === 1 ? 'both' : `all ${others.length + 1}`;
      occ.notes = [...(occ.notes ?? []), `also taken by ${others.join(' and ')}: the image is written once, so a pin here changes ${all}`];
    }
  }
}
