import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/** Returned by `plainJS` where yaml's own conversion must run (an alias, a merge key, a custom node). */
export const NOT_PLAIN: unique symbol = Symbol('not plain');

class Abort extends Error {}

/**
 * What yaml's `toJS(node, '', { keep: true, mapAsMap: false, ... })` gives for a tree of plain maps,
 * sequences and scalars with scalar keys and no alias, without its per-node checks (`hasAnchor`,
 * the merge-key test, `toJSON` dispatch). With no alias in the tree, anchors and the alias limit
 * change nothing in yaml's result. Anything else (an alias, a `<<` key, a collection key, a
 * subclass such as `!!set` or `!!omap`, a pair outside a map) gives `NOT_PLAIN`, and the caller
 * asks yaml. Keys become strings as yaml's `stringifyKey` makes them (`null` is `''`), and a key
 * that an object already has, own or inherited (`__proto__`, `toString`, a repeated key), is
 * defined on it as yaml defines it.
 */
export function plainJS(node: unknown): unknown {
  try {
    return convert(node);
  } catch (err) {
    if (err instanceof Abort) return NOT_PLAIN;
    throw err;
  }
}

function convert(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  const proto: unknown = Object.getPrototypeOf(node);
  if (proto === Scalar.prototype) return (node as Scalar).value;
  if (proto === YAMLMap.prototype) {
    const map: Record<string, unknown> = {};
    for (const item of (node as YAMLMap).items as unknown[]) {
      if (!(item instanceof Pair)) throw new Abort();
      const key = keyOf(item.key);
      const value = convert(item.value);
      if (key in map) Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
      else map[key] = value;
    }
    return map;
  }
  if (proto === YAMLSeq.prototype) {
    const seq: unknown[] = [];
    for (const item of (node as YAMLSeq).items) seq.push(convert(item));
    return seq;
  }
  throw new Abort();
}

/** A map key as yaml's `stringifyKey` writes a scalar one; a merge key or any other node is left to yaml. */
function keyOf(key: unknown): string {
  if (key === null) return '';
  if (key === undefined || Object.getPrototypeOf(key) !== Scalar.prototype) throw new Abort();
  const scalar = key as Scalar & { addToJSMap?: unknown };
  const value: unknown = scalar.value;
  if (scalar.addToJSMap || value === '<<' || typeof value === 'symbol' || (typeof value === 'object' && value !== null)) throw new Abort();
  return value === null ? '' : String(value);
}
