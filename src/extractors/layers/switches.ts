import { isMap, isScalar, type Node } from 'yaml';
import type { YamlPath } from '../../model/position.js';
import type { Switch, Switches } from '../../model/switches.js';
import type { DocContext } from '../types.js';

const MAX_DEPTH = 12;

/** The `enabled` value `node` at `path`: off only when it is the literal boolean `false`. */
export function switchAt(ctx: DocContext, node: Node, path: YamlPath): Switch {
  const off = isScalar(node) && node.value === false;
  const value = isScalar(node) ? ctx.view.string(node) ?? String(node.value) : 'a map or list';
  return { off, value, line: ctx.view.span(node).start.line, path };
}

/**
 * Every `enabled` key of a values tree, by dotted path from `root` (`metrics.enabled`), located at
 * its path in the file (`basePath` first): what a later values layer switches on or off over an
 * earlier one (decision 64). Anchors are walked where they are defined, never through aliases.
 */
export function switchesOf(ctx: DocContext, root: Node | null | undefined, basePath: YamlPath): Switches {
  const out: Switches = {};
  // A key `enabled` is written as that word, unless a quoted key spells it with escapes: without either, there is none.
  const text = ctx.view.fileText;
  if (!text.includes('enabled') && !text.includes('\\')) return out;
  const walk = (node: Node | null | undefined, path: YamlPath): void => {
    if (path.length > MAX_DEPTH) return;
    for (const [key, value, aliased] of ctx.view.entries(node)) {
      // An alias to a scalar is read (the value is its anchor's); only maps and lists are not walked through aliases.
      if (key === 'enabled' && value) {
        const here = [...path, key];
        out[here.join('.')] = switchAt(ctx, value, [...basePath, ...here]);
        continue;
      }
      // Only a map has entries to walk (a list, a scalar or nothing has none).
      if (!aliased && isMap(value)) walk(value, [...path, key]);
    }
  };
  walk(root, []);
  return out;
}

/** `switches` as an optional field: absent when the tree has no `enabled` key, so layers without one keep their shape. */
export function withSwitches(ctx: DocContext, root: Node | null | undefined, basePath: YamlPath): { switches?: Switches } {
  const found = switchesOf(ctx, root, basePath);
  return Object.keys(found).length > 0 ? { switches: found } : {};
}
