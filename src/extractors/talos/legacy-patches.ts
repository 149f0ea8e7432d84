import type { Node } from 'yaml';
import type { YamlPath } from '../../model/position.js';
import type { DocContext } from '../types.js';

/**
 * talhelper's older patch fields, which the releases that had them applied after `patches`: a
 * group's or node's `inlinePatch` (one strategic-merge map) and `configPatches` (one list of
 * RFC 6902 ops). Each is returned as one patch with its path; current releases no longer have
 * these fields (docs/decisions/0055-eighth-held-out-fixes.md).
 */
export function legacyPatches(ctx: DocContext, holder: unknown, path: YamlPath): [Node, YamlPath][] {
  const out: [Node, YamlPath][] = [];
  const inline = ctx.view.map(ctx.view.get(holder, 'inlinePatch'));
  if (inline) out.push([inline, [...path, 'inlinePatch']]);
  const ops = ctx.view.seq(ctx.view.get(holder, 'configPatches'));
  if (ops) out.push([ops, [...path, 'configPatches']]);
  return out;
}

/** Every legacy patch of a talconfig: `controlPlane`'s, `worker`'s and each node's. */
export function allLegacyPatches(ctx: DocContext, root: Node | null | undefined): [Node, YamlPath][] {
  const out = [...legacyPatches(ctx, ctx.view.get(root, 'controlPlane'), ['controlPlane']), ...legacyPatches(ctx, ctx.view.get(root, 'worker'), ['worker'])];
  for (const [index, node] of ctx.view.items(ctx.view.get(root, 'nodes'))) out.push(...legacyPatches(ctx, node, ['nodes', index]));
  return out;
}
