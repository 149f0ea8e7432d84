import type { Node } from 'yaml';
import type { ConfigDataLayer, Located, ValueLeavesLayer } from '../../model/layers.js';
import type { YamlPath } from '../../model/position.js';
import type { DocContext } from '../types.js';
import { embeddedYaml } from '../../yaml/embedded.js';
import { VALUES_FILE } from '../helm-values/index.js';
import { located } from './read.js';
import { switchesOf, withSwitches } from './switches.js';
import type { Switches } from '../../model/switches.js';

/** Keys whose values another values file may override part of an image with. */
export const IMAGE_LEAF = /^(?:repository|registry|tag|digest|image|imageName)$|[iI]mage(?:Repository|Registry|Tag|Digest)$/;
const MAX_DEPTH = 12;

/**
 * The scalar values under image-like keys of a values tree, by dotted path from `root` (`image.tag`);
 * each located at its path in the file (`basePath` first). Anchors are walked where they are
 * defined, never through aliases.
 */
export function leavesOf(ctx: DocContext, root: Node | null | undefined, basePath: YamlPath): Record<string, Located> {
  const leaves: Record<string, Located> = {};
  const walk = (node: Node | null | undefined, path: YamlPath): void => {
    if (path.length > MAX_DEPTH) return;
    for (const [key, value, aliased] of ctx.view.entries(node)) {
      if (aliased) continue;
      // Only a map has entries to walk: a scalar's path is built only under an image-like key.
      const leaf = IMAGE_LEAF.test(key);
      const inner = ctx.view.map(value) !== undefined;
      if (!leaf && !inner) continue;
      const here = [...path, key];
      if (leaf) {
        const found = located(ctx, value, [...basePath, ...here]);
        if (found) leaves[here.join('.')] = found;
      }
      if (inner) walk(value, here);
    }
  };
  walk(root, []);
  return leaves;
}

/** A values file's leaves: what a later values file of an Argo CD Application (or a HelmRelease's `valuesFrom`) sets over an earlier one. */
export function valueLeaves(ctx: DocContext): ValueLeavesLayer {
  return { kind: 'value-leaves', file: ctx.file, leaves: leavesOf(ctx, ctx.view.doc.contents, []), ...withSwitches(ctx, ctx.view.doc.contents, []) };
}

/** A ConfigMap's `data` strings (Flux `substituteFrom`), or a Secret's name alone: its values are not read. */
export function configData(ctx: DocContext, objectKind: 'ConfigMap' | 'Secret'): ConfigDataLayer | undefined {
  const root = ctx.view.doc.contents;
  const name = ctx.view.str(root, 'metadata', 'name');
  if (!name) return undefined;
  const data: Record<string, Located> = {};
  const values: Record<string, Record<string, Located>> = {};
  const switches: Record<string, Switches> = {};
  if (objectKind === 'ConfigMap') {
    for (const [key, value] of ctx.view.entries(ctx.view.get(root, 'data'))) {
      const found = located(ctx, value, ['data', key]);
      if (found) data[key] = found;
      if (!found || !VALUES_FILE.test(key)) continue;
      const inner = embeddedYaml(ctx.view, ctx.file, value!).view;
      if (!inner) continue;
      values[key] = leavesOf({ ...ctx, view: inner }, inner.doc.contents, ['data', key]);
      const inSwitches = switchesOf({ ...ctx, view: inner }, inner.doc.contents, ['data', key]);
      if (Object.keys(inSwitches).length > 0) switches[key] = inSwitches;
    }
  }
  const layer: ConfigDataLayer = { kind: 'config-data', file: ctx.file, document: ctx.document, objectKind, name, data };
  if (Object.keys(values).length > 0) layer.values = values;
  if (Object.keys(switches).length > 0) layer.valueSwitches = switches;
  const namespace = ctx.view.str(root, 'metadata', 'namespace');
  if (namespace) layer.namespace = namespace;
  return layer;
}
