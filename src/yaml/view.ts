import { isAlias, isMap, isScalar, isSeq, Scalar, type Document, type LineCounter, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { toJS, type ToJSContext } from 'yaml/util';
import { aliasIndex, type AliasIndex } from './anchors.js';
import { NOT_PLAIN, PlainConverter } from './plain-js.js';
import type { Position, ScalarNode, ScalarStyle, Span, YamlPath } from '../model/position.js';

type AnyNode = Node | null | undefined;

const STYLES: Record<string, ScalarStyle> = {
  [Scalar.PLAIN]: 'plain',
  [Scalar.QUOTE_SINGLE]: 'single',
  [Scalar.QUOTE_DOUBLE]: 'double',
  [Scalar.BLOCK_LITERAL]: 'literal',
  [Scalar.BLOCK_FOLDED]: 'folded',
};

/** Read-only helpers over one parsed YAML document that keep exact source positions. */
export class YamlView {
  /** Aliases resolved in one walk, on first use or by the parse (see anchors.ts); `invalidate()` drops them. */
  private index?: AliasIndex;

  constructor(
    readonly text: string,
    readonly lineCounter: LineCounter,
    readonly doc: Document.Parsed,
    index?: AliasIndex,
  ) {
    this.index = index;
  }

  private aliases(): AliasIndex {
    return (this.index ??= aliasIndex(this.doc));
  }

  /**
   * Plain data of a node, what `node.toJS(doc, { maxAliasCount })` gives (it throws the same), but
   * yaml's walk of the whole document for its first alias is this view's one walk, given as the
   * context's `aliasResolveCache`. A view made by the parse has its index already (empty for a
   * document without aliases), so this walks nothing; a plain object keeps yaml's code fast (a
   * getter here cost 10 % CPU and 8 MiB on the 5k tree). Plain maps, sequences, scalars and
   * aliases are converted by `PlainConverter` (yaml's result, without its per-node dispatch and
   * its walk of the document per nested alias; decision 57); yaml converts the rest, and throws.
   */
  toJS(node: Node, maxAliasCount: number): unknown {
    const plain = new PlainConverter(this.aliases().targets, maxAliasCount).convert(node);
    if (plain !== NOT_PLAIN) return plain;
    const ctx: ToJSContext = { anchors: new Map(), aliasResolveCache: this.aliases().nodes, doc: this.doc, keep: true, mapAsMap: false, mapKeyWarned: false, maxAliasCount };
    return toJS(node, '', ctx) as unknown;
  }

  /** The position of an offset in this view's own text (for embedded YAML, mapped into the file). */
  position(offset: number): Position {
    return this.filePosition(offset);
  }

  /** The file's text, in which every span's offsets are valid. */
  get fileText(): string {
    return this.text;
  }

  /** The position of an offset that is already an offset into the file. */
  filePosition(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(offset);
    // A byte order mark takes an offset but no column: editors and GitHub count columns after it.
    const bom = line === 1 && col > 1 && this.text.charCodeAt(0) === 0xfeff;
    return { line, col: bom ? col - 1 : col, offset };
  }

  spanAt(start: number, end: number): Span {
    return { start: this.position(start), end: this.position(end) };
  }

  /** The span of a node's value (without trailing comments). */
  span(node: Node): Span {
    const [start, end] = node.range ?? [0, 0];
    return this.spanAt(start, end);
  }

  /** Follows an alias to its anchor; other nodes are returned as they are. */
  deref(node: unknown): AnyNode {
    if (isAlias(node)) {
      const { targets } = this.aliases();
      const target = targets.has(node) ? targets.get(node) : node.resolve(this.doc);
      return isAlias(target) ? undefined : (target as Node | undefined);
    }
    return node as AnyNode;
  }

  /** To be called when the document's nodes were moved (another reading of a duplicated key). */
  invalidate(): void {
    this.index = undefined;
  }

  map(node: unknown): YAMLMap<unknown, unknown> | undefined {
    const n = this.deref(node);
    return isMap(n) ? n : undefined;
  }

  seq(node: unknown): YAMLSeq<unknown> | undefined {
    const n = this.deref(node);
    return isSeq(n) ? n : undefined;
  }

  /**
   * The value node under `key` in a map. Keys written in the map win; then YAML merge keys
   * (`<<: *defaults`, `<<: [*a, *b]`) are looked into, one level deep, first source first.
   */
  get(node: unknown, key: string, merges = true): AnyNode {
    const map = this.map(node);
    if (!map) return undefined;
    let merge: unknown;
    for (const pair of map.items) {
      const k = this.keyOf(pair.key);
      if (k === key) return this.deref(pair.value);
      if (k === '<<') merge = pair.value;
    }
    if (!merges || merge === undefined) return undefined;
    const sources = this.seq(merge)?.items ?? [merge];
    for (const source of sources) {
      const found = this.get(source, key, false);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /**
   * A mapping key's value: a scalar's, or, for an alias key (`*name : ...`), its anchor's scalar
   * value, as yaml's `toJS` reads it. Other keys (a map or sequence as a key) give undefined.
   */
  private keyOf(key: unknown): unknown {
    const k = isAlias(key) ? this.deref(key) : key;
    return isScalar(k) ? k.value : undefined;
  }

  /** The node at a path of keys and indexes. */
  at(node: unknown, path: YamlPath): AnyNode {
    let current: AnyNode = this.deref(node);
    for (const key of path) {
      if (typeof key === 'number') current = this.deref(this.seq(current)?.items[key]);
      else current = this.get(current, key);
      if (current === undefined || current === null) return undefined;
    }
    return current;
  }

  /** A scalar's value as a string (numbers and booleans in their YAML source form), else undefined. */
  string(node: unknown): string | undefined {
    const n = this.deref(node);
    if (!isScalar(n) || n.value === null) return undefined;
    if (typeof n.value === 'string') return n.value;
    if (typeof n.value === 'number' || typeof n.value === 'boolean') return n.source ?? String(n.value);
    return undefined;
  }

  /** `str` at a key, convenient for reading metadata. */
  str(node: unknown, ...path: YamlPath): string | undefined {
    return this.string(this.at(node, path));
  }

  scalar(node: unknown): ScalarNode | undefined {
    const n = this.deref(node);
    if (!isScalar(n) || !n.range) return undefined;
    const [start, end] = n.range;
    return { span: this.spanAt(start, end), style: STYLES[n.type ?? Scalar.PLAIN] ?? 'plain', source: this.text.slice(start, end) };
  }

  /**
   * Iterates a map's entries whose keys are strings (an alias key counts as its anchor's string). Recursive walkers must not descend into a
   * value whose `aliased` flag is set: its anchor is walked where it is defined, and following
   * aliases is how an alias bomb multiplies.
   */
  *entries(node: unknown): Generator<[string, AnyNode, boolean]> {
    const map = this.map(node);
    if (!map) return;
    for (const pair of map.items) {
      const key = this.keyOf(pair.key);
      if (typeof key === 'string') yield [key, this.deref(pair.value), isAlias(pair.value)];
    }
  }

  /**
   * A map entry's key as `entries` reads it: a string (an alias key as its anchor's string), or
   * undefined for an entry `entries` skips. For hot walks that loop over `map.items` themselves, with
   * `deref(pair.value)` and `isAlias(pair.value)`, and no generator, result object or tuple per entry.
   */
  entryKey(pair: Pair<unknown, unknown>): string | undefined {
    const key = this.keyOf(pair.key);
    return typeof key === 'string' ? key : undefined;
  }

  /** Iterates a sequence's items with their indexes (see `entries` for `aliased`). */
  *items(node: unknown): Generator<[number, AnyNode, boolean]> {
    const seq = this.seq(node);
    if (!seq) return;
    for (let i = 0; i < seq.items.length; i++) yield [i, this.deref(seq.items[i]), isAlias(seq.items[i])];
  }
}
