import { Alias, Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { AnchorBook, type DocFacts } from './anchor-book.js';
import { FlowReader } from './flow.js';
import { Layout } from './layout.js';
import { NL, SPACE, unsupported } from './lines.js';
import { quotedValue, ScalarResolver, type FastStyle } from './scalars.js';


/** Characters that may not start a plain scalar here (indicators; `-?:` are checked on their own). */
const MAX_DEPTH = 100;
/** Up to this many keys a mapping's keys are compared one by one; from then on by a Set. */
const SCAN_KEYS = 8;

/**
 * A YAML reader for the block subset GitOps files are mostly written in: block mappings and
 * sequences, one-line plain and quoted scalars, `|`/`>` block scalars, comments and `---`. It builds
 * the same nodes yaml's composer builds (values, types, sources, formats, ranges) and no comments;
 * anything else (flow collections, anchors, tags, escapes, multi-line flow scalars, tabs, CR, ...)
 * throws `Unsupported` and the whole text goes to yaml. `fast.test.ts` compares the two.
 */
export class FastReader extends Layout {
  protected readonly resolver: ScalarResolver;
  private readonly schema: Document['schema'];
  private depth = 0;
  /** The anchors and aliases of the current document. */
  private book = new AnchorBook();

  constructor(
    text: string,
    private readonly options: object,
  ) {
    super(text);
    const doc = new Document(undefined, options) as Document.Parsed;
    this.schema = doc.schema;
    this.resolver = new ScalarResolver(doc.schema, doc.options);
    this.spare = doc;
  }

  /** The document made for its schema, taken by the first document read (one `Document` less per file). */
  private spare?: Document.Parsed;

  /** Per document: true when no mapping in it repeats a key (then `duplicateKeys` has nothing to find). */
  readonly unique: boolean[] = [];
  /** Per document: its alias count, depth and alias targets (see `DocFacts`). */
  readonly facts: DocFacts[] = [];
  private repeats = false;

  documents(): Document.Parsed[] {
    const { text } = this;
    const docs: Document.Parsed[] = [];
    let p = this.content(0);
    while (p < text.length) {
      const doc = this.spare ?? (new Document(undefined, this.options) as Document.Parsed);
      this.spare = undefined;
      this.book = new AnchorBook();
      this.repeats = false;
      let start = p;
      if (text.startsWith('---', p) && this.isMarker(p)) {
        if (this.lineEnd(p) !== p + 3) unsupported();
        doc.directives.docStart = true;
        const after = this.next(p);
        if (after >= text.length || this.isMarker(after)) {
          if (after < text.length && !text.startsWith('---', after)) unsupported();
          doc.contents = this.resolver.scalar('', Scalar.PLAIN, [p + 3, p + 3, p + 3], false) as never;
          doc.range = [p, p + 3, p + 3];
          docs.push(doc);
          this.unique.push(true);
          this.facts.push(this.book.facts());
          p = after;
          continue;
        }
        p = this.content(after);
        if (p !== after && (p >= text.length || this.isMarker(p))) unsupported(); // only comments: they are in its range
      } else start = p;
      if (p >= text.length || this.isMarker(p) || text.charCodeAt(p) === SPACE || text.charCodeAt(p) === 0x25) unsupported();
      const node = this.block(0, p, -1);
      const end = node.range![2];
      if (end < text.length && text.charCodeAt(end - 1) !== NL) unsupported(); // an empty last value: yaml ends the document there
      const q = this.content(end);
      if (q < text.length && !(text.startsWith('---', q) && this.isMarker(q))) unsupported();
      doc.contents = node as never;
      doc.range = [start, end, q];
      docs.push(doc);
      this.unique.push(!this.repeats);
      this.facts.push(this.book.facts());
      p = q;
    }
    return docs;
  }

  /** A block mapping or sequence whose first entry starts at `p`, in column `indent`. */
  private block(indent: number, p: number, parent: number): YAMLMap | YAMLSeq {
    if (++this.depth > MAX_DEPTH) unsupported();
    if (this.depth > this.book.depth) this.book.depth = this.depth;
    const node = this.isSeqItem(p) ? this.seq(indent, p, parent) : this.map(indent, p, parent);
    this.depth--;
    return node;
  }

  private map(indent: number, p: number, parent: number): YAMLMap {
    const map = new YAMLMap(this.schema);
    let end = p;
    let last = p;
    let seen: Set<string> | undefined;
    for (let at: number | undefined = p; at !== undefined; ) {
      if (this.isSeqItem(at)) unsupported();
      const key = this.key(at);
      const value = this.value(key.range![1] + 1, indent, true); // after the key's `:`
      map.items.push(new Pair(key, value));
      const name = String(key.value);
      // Once the document repeats a key it is walked for duplicates anyway; small maps are scanned without a Set.
      if (!this.repeats && name !== '<<') {
        if (seen === undefined && map.items.length > SCAN_KEYS) seen = new Set(map.items.slice(0, -1).map((pair) => String((pair.key as Scalar).value)));
        if (seen !== undefined ? seen.size === seen.add(name).size : this.repeatsKey(map, name)) this.repeats = true;
      }
      last = value.range![2];
      const from: number = at;
      at = this.continues(last, indent, parent);
      end = this.rangeEnd;
      if (at !== undefined && at <= from) unsupported(); // never read a line twice
    }
    map.range = [p, last, end];
    return map;
  }

  /** True when a key before the last of `map` reads as `name` (what a Set of the names would say). */
  private repeatsKey(map: YAMLMap, name: string): boolean {
    for (let i = 0; i < map.items.length - 1; i++) if (String((map.items[i]!.key as Scalar).value) === name) return true;
    return false;
  }

  private seq(indent: number, p: number, parent: number): YAMLSeq {
    if (indent < parent) unsupported();
    const seq = new YAMLSeq(this.schema);
    let end = p;
    let last = p;
    for (let at: number | undefined = p; at !== undefined; ) {
      if (!this.isSeqItem(at)) {
        end = last; // the mapping this sequence is a value of goes on
        break;
      }
      const r = this.spaces(at + 1);
      if (r === at + 1 || this.text.charCodeAt(r) === NL || this.text.charCodeAt(r) === 0x23 || r >= this.text.length || this.isSeqItem(r)) unsupported();
      const col = r - this.lineStart(r);
      const item = this.keyAhead(r) ? this.block(col, r, indent) : this.value(r, indent, false);
      seq.items.push(item);
      last = item.range![2];
      const from: number = at;
      at = this.continues(last, indent, parent);
      end = this.rangeEnd;
      if (at !== undefined && at <= from) unsupported(); // never read a line twice
    }
    seq.range = [p, last, end];
    return seq;
  }

  /** A mapping key at `p`, whose `:` is at its range's end. */
  private key(p: number): Scalar {
    const { text } = this;
    const c = text[p]!;
    let value: string;
    let end: number;
    let type: FastStyle = Scalar.PLAIN;
    if (c === '"' || c === "'") {
      const q = quotedValue(text, p, this.lineEnd(p)) ?? unsupported();
      const after = text.charCodeAt(q.end + 1);
      if (text.charCodeAt(q.end) !== 0x3a || !(after === SPACE || after === NL || q.end + 1 >= text.length)) unsupported();
      ({ value, end, type } = q);
    } else {
      end = this.plainKeyEnd(p) ?? unsupported();
      value = text.slice(p, end);
      if (!this.plainStart(value) || value.endsWith(' ')) unsupported();
    }
    if (end - p > 1000) unsupported(); // yaml's 1024-character limit on implicit keys
    return this.resolver.scalar(value, type, [p, end, end], true) ?? unsupported();
  }

  /** The value after a key's `:` (`inMap`) or a sequence's `- `, at `p`, in a collection at `indent`. */
  private value(p: number, indent: number, inMap: boolean): Node {
    const r = this.spaces(p);
    if (r === p && inMap && r < this.text.length && this.text.charCodeAt(r) !== NL) unsupported();
    const c = this.text.charCodeAt(r);
    if (c === 0x26) return this.anchored(r, indent, inMap);
    if (c === 0x2a) return this.alias(r, indent);
    return this.node(r, indent, inMap);
  }

  /** `&name` before a value or a nested block: the node it names, with its anchor. */
  private anchored(r: number, indent: number, inMap: boolean): Node {
    const { name, end } = this.name(r);
    const slot = this.book.open(name);
    const s = this.spaces(end);
    const c = this.text.charCodeAt(s);
    let node: Node;
    if (s >= this.text.length || c === NL || c === 0x23) {
      if (c === 0x23 && s === end) unsupported();
      const q = this.content(this.next(s));
      const col = q < this.text.length ? this.spaces(q) - q : -1;
      if (!(col > indent || (inMap && col === indent && this.isSeqItem(q + col))) || (col === 0 && this.isMarker(q))) unsupported();
      node = this.block(col, q + col, indent);
    } else {
      if (s === end || c === 0x26 || c === 0x2a) unsupported();
      node = this.node(s, indent, inMap);
    }
    node.anchor = name;
    this.book.close(slot, node);
    return node;
  }

  /** `*name` as a value, for an anchor written before it in the document. */
  private alias(r: number, indent: number): Alias {
    const { name, end: nameEnd } = this.name(r);
    const target = this.book.target(name) ?? unsupported();
    const eol = this.lineEnd(r);
    const rest = this.spaces(nameEnd);
    if (rest < eol && (rest === nameEnd || this.text.charCodeAt(rest) !== 0x23)) unsupported();
    const end = this.indentedComments(this.next(eol), indent);
    const q = this.content(end);
    if (q < this.text.length && this.spaces(q) - q > indent) unsupported();
    const alias = new Alias(name);
    alias.range = [r, nameEnd, end];
    this.book.alias(alias, target);
    return alias;
  }

  /** An anchor's or alias's name after its `&` or `*`, from a plain set of characters. */
  private name(r: number): { name: string; end: number } {
    let end = r + 1;
    while (end < this.text.length && /[\w.-]/.test(this.text[end]!)) end++;
    const c = this.text.charCodeAt(end);
    if (end === r + 1 || !(end >= this.text.length || c === SPACE || c === NL)) unsupported();
    return { name: this.text.slice(r + 1, end), end };
  }

  private node(r: number, indent: number, inMap: boolean): Node {
    const { text } = this;
    const c = text.charCodeAt(r);
    const eol = this.lineEnd(r);
    if (inMap && (r >= text.length || c === NL || c === 0x23)) {
      const q = this.content(this.next(r));
      const col = q < text.length ? this.spaces(q) - q : -1;
      if (col > indent || (col === indent && this.isSeqItem(q + col))) {
        if (col === 0 && this.isMarker(q)) unsupported();
        return this.block(col, q + col, indent);
      }
      if (c === 0x23 || r >= text.length) unsupported(); // an empty value with a comment: its range takes the comment
      return this.resolver.scalar('', Scalar.PLAIN, [r, r, r], false) ?? unsupported();
    }
    if (c === 0x7c || c === 0x3e) return this.blockScalar(r, indent);
    if (c === 0x5b || c === 0x7b) return this.flow(r, eol, indent);
    let value: string;
    let valueEnd: number;
    let type: FastStyle = Scalar.PLAIN;
    if (c === 0x22 || c === 0x27) {
      const q = quotedValue(text, r, eol) ?? unsupported();
      ({ value, type } = q);
      valueEnd = q.end;
      const rest = this.spaces(valueEnd);
      if (rest < eol && (rest === valueEnd || text.charCodeAt(rest) !== 0x23)) unsupported();
    } else {
      const comment = this.comment(r, eol);
      valueEnd = comment >= 0 ? comment : eol;
      while (text.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
      value = text.slice(r, valueEnd);
      if (!this.plainStart(value) || value.includes(': ') || value.endsWith(':')) unsupported();
    }
    const end = this.indentedComments(this.next(eol), indent);
    const q = this.content(end);
    if (q < text.length && this.spaces(q) - q > indent) unsupported(); // a plain scalar that goes on, or a stray line
    return this.resolver.scalar(value, type, [r, valueEnd, end], false) ?? unsupported();
  }

  /** A one-line flow collection as a block value (flow.ts), with what yaml puts in its range after it. */
  private flow(r: number, eol: number, indent: number): Node {
    const reader = new FlowReader(this.text, eol, this.schema, this.resolver, unsupported);
    const { node, end } = reader.collection(r, this.depth);
    if (reader.deepest > this.book.depth) this.book.depth = reader.deepest;
    const rest = this.spaces(end);
    if (rest < eol && (rest === end || this.text.charCodeAt(rest) !== 0x23)) unsupported();
    const after = this.next(eol);
    const q = this.content(after);
    if (this.indentedComments(after, indent) !== after || (q < this.text.length && this.spaces(q) - q > indent)) unsupported();
    node.range = [r, end, eol < this.text.length ? eol + 1 : eol];
    return node;
  }
}
