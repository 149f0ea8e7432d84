import { Alias, isAlias, isMap, isPair, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';

/** Returned where yaml's own conversion must run: a merge key, a collection key, a custom node, an alias yaml would refuse. */
export const NOT_PLAIN: unique symbol = Symbol('not plain');
type Plain = unknown;

/** What yaml keeps per anchored node during one conversion (its `ctx.anchors` entries). */
interface AnchorData {
  aliasCount: number;
  count: number;
  res: unknown;
}

/**
 * What yaml's `toJS(node, '', { keep: true, mapAsMap: false, maxAliasCount, aliasResolveCache })`
 * gives (yaml 2.9: nodes/toJS.js, addPairToJSMap.js, Alias.js), for trees of plain maps, sequences,
 * scalars and aliases, without its per-node dispatch. Kept the same: an alias gives the very
 * object of its anchor (converting the anchor first if it is outside the tree), an anchored map or
 * sequence is its anchor's value from the moment it is created (so an alias inside it gives it),
 * the alias count as `getAliasCount` counts it, and keys as `stringifyKey` writes scalar ones, a key
 * the object already has (`__proto__`, `toString`, a repeated key) defined on it. Where yaml would
 * throw (an unresolved or excessive alias) or does more (a `<<` key, a collection or anchored key,
 * `!!set`, `!!omap`, a pair outside a map), the answer is `NOT_PLAIN` and the caller asks yaml,
 * which then gives its result or error. Alias targets come from the document's alias index.
 */
export class PlainConverter {
  private readonly anchors = new Map<Node, AnchorData>();
  private failed = false;

  constructor(
    private readonly targets: Map<Alias, Node | undefined>,
    private readonly maxAliasCount: number,
  ) {}

  convert(node: unknown): Plain | typeof NOT_PLAIN {
    if (node === null || node === undefined) return node;
    const proto: unknown = Object.getPrototypeOf(node);
    if (proto === Alias.prototype) return this.alias(node as Alias);
    const plainNode = proto === Scalar.prototype || proto === YAMLMap.prototype || proto === YAMLSeq.prototype;
    if (!plainNode) return NOT_PLAIN;
    let data: AnchorData | undefined;
    if ((node as Node).anchor) this.anchors.set(node as Node, (data = { aliasCount: 0, count: 1, res: undefined }));
    if (proto === Scalar.prototype) {
      const value: unknown = (node as Scalar).value;
      if (data) data.res = value;
      return value;
    }
    if (proto === YAMLMap.prototype) {
      const map: Record<string, unknown> = {};
      if (data) data.res = map;
      for (const item of (node as YAMLMap).items as unknown[]) {
        if (!(item instanceof Pair)) return NOT_PLAIN;
        const key = keyOf(item.key);
        if (key === NOT_PLAIN) return NOT_PLAIN;
        const value = this.convert(item.value);
        if (value === NOT_PLAIN) return NOT_PLAIN;
        if (key in map) Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
        else map[key] = value;
      }
      return map;
    }
    const seq: unknown[] = [];
    if (data) data.res = seq;
    for (const item of (node as YAMLSeq).items) {
      const value = this.convert(item);
      if (value === NOT_PLAIN) return NOT_PLAIN;
      seq.push(value);
    }
    return seq;
  }

  /** yaml's `Alias.resolve` with a context and `toJSON`: the anchor's object, counted against the limit. */
  private alias(alias: Alias): Plain | typeof NOT_PLAIN {
    const found = this.targets.get(alias);
    if (this.maxAliasCount === 0 || !found) return NOT_PLAIN;
    let data = this.anchors.get(found);
    if (!data) {
      if (this.convert(found) === NOT_PLAIN) return NOT_PLAIN;
      data = this.anchors.get(found);
    }
    if (data?.res === undefined) return NOT_PLAIN;
    if (this.maxAliasCount >= 0) {
      data.count += 1;
      if (data.aliasCount === 0) data.aliasCount = this.aliasCount(found);
      if (this.failed || data.count * data.aliasCount > this.maxAliasCount) return NOT_PLAIN;
    }
    return data.res;
  }

  /** yaml's `getAliasCount`, with the index's targets where it resolves each alias by a walk of the document. */
  private aliasCount(node: unknown): number {
    if (isAlias(node)) {
      if (!this.targets.has(node)) this.failed = true;
      const source = this.targets.get(node);
      const anchor = source && this.anchors.get(source);
      return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    if (isMap(node) || isSeq(node)) {
      let count = 0;
      for (const item of node.items) {
        const c = this.aliasCount(item);
        if (c > count) count = c;
      }
      return count;
    }
    if (isPair(node)) return Math.max(this.aliasCount(node.key), this.aliasCount(node.value));
    return 1;
  }
}

/** A map key as yaml's `stringifyKey` writes a scalar one; a merge key, an anchored key or any other node is left to yaml. */
function keyOf(key: unknown): string | typeof NOT_PLAIN {
  if (key === null) return '';
  if (key === undefined || Object.getPrototypeOf(key) !== Scalar.prototype) return NOT_PLAIN;
  const scalar = key as Scalar & { addToJSMap?: unknown };
  const value: unknown = scalar.value;
  if (scalar.anchor || scalar.addToJSMap || value === '<<' || typeof value === 'symbol' || (typeof value === 'object' && value !== null)) return NOT_PLAIN;
  return value === null ? '' : String(value);
}
