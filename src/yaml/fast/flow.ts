import { Pair, Scalar, YAMLMap, YAMLSeq, type Node, type Schema } from 'yaml';
import { quotedValue, type FastStyle, type ScalarResolver } from './scalars.js';

const SPACE = 0x20;
/** Whether a plain scalar inside a flow collection stops at this character (`,[]{}#:`), or the fast path leaves it to yaml. */
function flowStop(c: number): boolean {
  return c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x23 || c === 0x3a;
}

/**
 * One-line flow collections (`[a, "b"]`, `{ cpu: 500m, drop: ["ALL"] }`) built as yaml builds them:
 * items' ranges take the spaces before the next `,` or bracket. Multi-line collections, trailing
 * commas, `:` in plain scalars, keys without values and the like throw through `fail`.
 */
export class FlowReader {
  /** The most collections around any node read, as parse.ts's `measure` counts (the caller's are `depth`). */
  deepest = 0;

  constructor(
    private readonly text: string,
    private readonly eol: number,
    private readonly schema: Schema,
    private readonly resolver: ScalarResolver,
    private readonly fail: () => never,
  ) {}

  private spaces(p: number): number {
    while (this.text.charCodeAt(p) === SPACE) p++;
    return p;
  }

  /** The collection opening at `p` and the offset after its closing bracket. */
  collection(p: number, depth: number): { node: YAMLMap | YAMLSeq; end: number } {
    if (depth > 50) this.fail();
    const isMap = this.text[p] === '{';
    const close = isMap ? '}' : ']';
    const node = isMap ? new YAMLMap(this.schema) : new YAMLSeq(this.schema);
    node.flow = true;
    let at = this.spaces(p + 1);
    if (this.text[at] !== close) {
      if (depth + 1 > this.deepest) this.deepest = depth + 1;
      for (;;) {
        let item: Node | Pair;
        if (isMap) {
          const key = this.item(at, depth, true);
          if (!isScalarNode(key.node) || this.text.charCodeAt(key.next) !== 0x3a || this.text.charCodeAt(key.next + 1) !== SPACE) this.fail();
          const value = this.item(this.spaces(key.next + 1), depth, false);
          item = new Pair(key.node, value.node);
          at = value.after;
        } else {
          const value = this.item(at, depth, false);
          item = value.node;
          at = value.after;
        }
        (node.items as unknown[]).push(item);
        const c = this.text[at];
        if (c === close) break;
        if (c !== ',') this.fail();
        at = this.spaces(at + 1);
        if (at >= this.eol || this.text[at] === close) this.fail();
      }
    }
    if (at >= this.eol) this.fail();
    node.range = [p, at + 1, at + 1];
    return { node, end: at + 1 };
  }

  /** A scalar or nested collection at `p`; `next` is right after it, `after` after the spaces that follow. */
  private item(p: number, depth: number, atKey: boolean): { node: Node; next: number; after: number } {
    const { text } = this;
    if (p >= this.eol) this.fail();
    const c = text[p]!;
    if (c === '[' || c === '{') {
      const { node, end } = this.collection(p, depth + 1);
      const after = this.spaces(end);
      if (atKey) this.fail();
      node.range = [p, end, after];
      return { node, next: end, after };
    }
    let value: string;
    let end: number;
    let type: FastStyle = Scalar.PLAIN;
    if (c === '"' || c === "'") {
      const q = quotedValue(text, p, this.eol) ?? this.fail();
      ({ value, end, type } = q);
    } else {
      end = p;
      while (end < this.eol && !flowStop(text.charCodeAt(end))) end++;
      while (text.charCodeAt(end - 1) === SPACE) end--;
      value = text.slice(p, end);
      if (value === '' || '&*!|>\'"%@`-?'.includes(value[0]!)) this.fail();
      if (atKey && text[end] !== ':') this.fail();
    }
    const after = atKey ? end : this.spaces(end);
    const node = this.resolver.scalar(value, type, [p, end, after], atKey) ?? this.fail();
    return { node, next: end, after };
  }
}

function isScalarNode(node: Node): node is Scalar {
  return node instanceof Scalar;
}
