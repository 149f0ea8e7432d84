import type { Node } from 'yaml';
import type { ConfigDataLayer, Located, ValueLeavesLayer } from '../../model/layers.js';
import type { YamlPath } from '../../model/position.js';
import type { DocContext } from '../types.js';
import { located } from './read.js';

/** Keys whose values another values file may override part of an image with. */
const IMAGE_LEAF = /^(?:repository|registry|tag|digest|image|imageName)$|[iI]mage(?:Repository|Registry|Tag|Digest)$/;
const MAX_DEPTH = 12;

/**
 * The scalar values under image-like keys of a values file, by dotted path (`image.tag`): what a
 * later values file of an Argo CD Application sets over an earlier one. Anchors are walked where
 * they are defined, never through aliases.
 */
export function valueLeaves(ctx: DocContext): ValueLeavesLayer {
  const leaves: Record<string, Located> = {};
  const walk = (node: Node | null | undefined, path: YamlPath): void => {
    if (path.length > MAX_DEPTH) return;
    for (const [key, value, aliased] of ctx.view.entries(node)) {
      if (aliased) continue;
      const here = [...path, key];
      if (IMAGE_LEAF.test(key)) {
        const found = located(ctx, value, here);
        if (found) leaves[here.join('.')] = found;
      }
      walk(value, here);
    }
  };
  walk(ctx.view.doc.contents, []);
  return { kind: 'value-leaves', file: ctx.file, leaves };
}

/** A ConfigMap's `data` strings (Flux `substituteFrom`), or a Secret's name alone: its values are not read. */
export function configData(ctx: DocContext, objectKind: 'ConfigMap' | 'Secret'): ConfigDataLayer | undefined {
  const root = ctx.view.doc.contents;
  const name = ctx.view.str(root, 'metadata', 'name');
  if (!name) return undefined;
  const data: Record<string, Located> = {};
  if (objectKind === 'ConfigMap') {
    for (const [key, value] of ctx.view.entries(ctx.view.get(root, 'data'))) {
      const found = located(ctx, value, ['data', key]);
      if (found) data[key] = found;
    }
  }
  const layer: ConfigDataLayer = { kind: 'config-data', file: ctx.file, objectKind, name, data };
  const namespace = ctx.view.str(root, 'metadata', 'namespace');
  if (namespace) layer.namespace = namespace;
  return layer;
}
