import type { Node } from 'yaml';
import type { ImageRewrite, Located } from '../../model/layers.js';
import type { YamlPath } from '../../model/position.js';
import type { DocContext } from '../types.js';

/** A scalar as a located string; undefined when the node is not a scalar. */
export function located(ctx: DocContext, node: Node | null | undefined, path: YamlPath): Located | undefined {
  const value = ctx.view.string(node);
  return node && value !== undefined ? { value, line: ctx.view.span(node).start.line, path } : undefined;
}

/** The scalar items of a list of strings, located. */
export function locatedList(ctx: DocContext, list: Node | null | undefined, path: YamlPath): Located[] {
  const out: Located[] = [];
  for (const [index, item] of ctx.view.items(list)) {
    const found = located(ctx, item, [...path, index]);
    if (found) out.push(found);
  }
  return out;
}

/** A kustomize `images:` list as rewrites (entries without a name match nothing, so they are left out). */
export function imageRewrites(ctx: DocContext, list: Node | null | undefined, path: YamlPath): ImageRewrite[] {
  const out: ImageRewrite[] = [];
  for (const [index, entry] of ctx.view.items(list)) {
    const name = ctx.view.str(entry, 'name');
    if (!entry || !name) continue;
    const rewrite: ImageRewrite = { name, path: [...path, index], line: ctx.view.span(entry).start.line };
    for (const key of ['newName', 'newTag', 'digest'] as const) {
      const value = ctx.view.str(entry, key);
      if (value) rewrite[key] = value;
    }
    out.push(rewrite);
  }
  return out;
}
