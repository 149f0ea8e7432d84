import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Located, ValuesPatch } from '../../model/layers.js';
import type { YamlPath } from '../../model/position.js';
import { IMAGE_LEAF, leavesOf } from '../layers/values.js';
import { located } from '../layers/read.js';
import { switchAt, switchesOf } from '../layers/switches.js';
import type { DocContext } from '../types.js';
import { pointerPath } from './pointer.js';

const VALUES: YamlPath = ['spec', 'values'];
const MAX_DEPTH = 12;

const prefixed = (key: string, leaves: Record<string, Located>): Record<string, Located> => (key ? Object.fromEntries(Object.entries(leaves).map(([k, v]) => [`${key}.${k}`, v])) : leaves);

/** Whether a values patch writes image leaves or replaces keys: a patch that only switches `enabled` keys changes no image it holds (decision 64). */
export const writesImages = (patch: ValuesPatch): boolean => Object.keys(patch.leaves).length > 0 || patch.cleared.length > 0;
const writesValues = (patch: ValuesPatch): boolean => writesImages(patch) || patch.switches !== undefined;

/**
 * A strategic-merge patch of a HelmRelease: the image-like leaves of its `spec.values`, and what it
 * replaces whole. A custom resource is merged as a JSON merge patch: a list replaces the list, `null`
 * removes the key, a scalar replaces what was there (kept for image-like keys), `$patch` replaces or deletes.
 */
export function mergeValues(ctx: DocContext, root: Node, base: YamlPath): ValuesPatch | undefined {
  if (ctx.view.str(root, 'kind') !== 'HelmRelease') return undefined;
  const values = ctx.view.at(root, VALUES);
  const name = ctx.view.str(root, 'metadata', 'name');
  const namespace = ctx.view.str(root, 'metadata', 'namespace');
  const patch: ValuesPatch = { file: ctx.file, json: false, kind: 'HelmRelease', ...(name && { name }), ...(namespace && { namespace }), leaves: leavesOf(ctx, values, [...base, ...VALUES]), cleared: [] };
  const walk = (node: unknown, path: string[]): void => {
    if (path.length > MAX_DEPTH) return;
    for (const [key, value, aliased] of ctx.view.entries(node)) {
      const here = [...path, key].join('.');
      const line = ctx.view.span((value ?? ctx.view.map(node)) as Node).start.line;
      if (value === null || value === undefined || (isScalar(value) && value.value === null) || isSeq(value) || (isMap(value) && ctx.view.get(value, '$patch') !== undefined)) patch.cleared.push({ key: here, line });
      else if (isScalar(value) && IMAGE_LEAF.test(key)) patch.cleared.push({ key: here, line });
      else if (!aliased) walk(value, [...path, key]);
    }
  };
  walk(values, []);
  const switches = switchesOf(ctx, values, [...base, ...VALUES]);
  if (Object.keys(switches).length) patch.switches = switches;
  return writesValues(patch) ? patch : undefined;
}

/** The key under `spec.values` an RFC 6902 pointer writes (`''`: all of it, or what holds it); undefined when it writes elsewhere. */
function valuesKey(pointer: YamlPath): { key: string; inner: YamlPath } | undefined {
  if (pointer.length < VALUES.length) return VALUES.slice(0, pointer.length).every((k, i) => pointer[i] === k) ? { key: '', inner: VALUES.slice(pointer.length) } : undefined;
  if (pointer[0] !== 'spec' || pointer[1] !== 'values') return undefined;
  let rest = pointer.slice(2);
  // `add` at a list index (or `-`) shifts the list: all of it counts as written.
  const last = rest[rest.length - 1];
  if (typeof last === 'number' || last === '-') rest = rest.slice(0, -1);
  return { key: rest.join('.'), inner: [] };
}

/** RFC 6902 ops on a HelmRelease's values: what `add`/`replace` write, and every key an op replaces, removes, moves or copies over. */
export function jsonValues(ctx: DocContext, ops: Node, base: YamlPath): ValuesPatch | undefined {
  const patch: ValuesPatch = { file: ctx.file, json: true, leaves: {}, cleared: [] };
  for (const [index, op] of ctx.view.items(ops)) {
    if (!op) continue;
    const verb = ctx.view.str(op, 'op');
    const at = valuesKey(pointerPath(ctx.view.str(op, 'path') ?? '') ?? ['?']);
    const from = verb === 'move' ? valuesKey(pointerPath(ctx.view.str(op, 'from') ?? '') ?? ['?']) : undefined;
    const line = ctx.view.span(op).start.line;
    if (from) patch.cleared.push({ key: from.key, line });
    if (!at || verb === 'test' || verb === undefined) continue;
    patch.cleared.push({ key: at.key, line });
    if (verb !== 'add' && verb !== 'replace') continue;
    const value = ctx.view.at(ctx.view.get(op, 'value'), at.inner);
    const path: YamlPath = [...base, index, 'value', ...at.inner];
    const leaf = at.key.slice(at.key.lastIndexOf('.') + 1);
    const found = isScalar(value) && IMAGE_LEAF.test(leaf) ? located(ctx, value, path) : undefined;
    if (found) patch.leaves[at.key] = found;
    else if (isMap(value)) Object.assign(patch.leaves, prefixed(at.key, leavesOf(ctx, value, path)));
    // The `enabled` keys it writes (decision 64): one op on `.../enabled`, or those of a map it adds.
    if (leaf === 'enabled' && value) (patch.switches ??= {})[at.key] = switchAt(ctx, value, path);
    else if (isMap(value)) for (const [key, found] of Object.entries(switchesOf(ctx, value, path))) (patch.switches ??= {})[at.key ? `${at.key}.${key}` : key] = found;
  }
  return writesValues(patch) ? patch : undefined;
}
