import { BlockScalars } from './block-scalar.js';
import { NL, SPACE, unsupported } from './lines.js';
import { quotedValue } from './scalars.js';

/** Characters that may not start a plain scalar here (indicators; `-?:` are checked on their own), by char code. */
const INDICATOR = new Uint8Array(128);
for (const c of '&*![]{},#|>\'"%@`') INDICATOR[c.charCodeAt(0)] = 1;

/** Where collections go on or end, and where keys are, for the fast YAML reader (parse.ts). */
export abstract class Layout extends BlockScalars {
  /** Where the collection's range ends, as the last `continues` found. */
  protected rangeEnd = 0;

  /**
   * After a node ends at `p` (a line start): the next content line, if it continues the collection
   * at `indent`; else where the collection's range ends. yaml keeps comment lines after a nested
   * collection's last item in that collection (its range ends at the next content) when they are
   * in its column or further in; none at or left of its parent's column; other mixes are left to yaml.
   * Returns the next line's content start, or undefined; the range's end is left in `rangeEnd` (no
   * result object per entry).
   */
  protected continues(end: number, indent: number, parent: number): number | undefined {
    // A nested collection that kept comment lines ends where the next content starts, inside its line.
    // An empty value ends inside its key's line: the next line is the one after.
    let p = end;
    if (end < this.text.length && end > 0 && this.text.charCodeAt(end - 1) !== NL) {
      const rest = this.spaces(end);
      p = rest >= this.text.length || this.text.charCodeAt(rest) === NL ? this.next(rest) : this.lineStart(end);
    }
    const q = this.content(p);
    const col = q < this.text.length ? this.spaces(q) - q : -1;
    if (col > indent) unsupported();
    this.rangeEnd = end;
    if (col === indent && !(col === 0 && this.isMarker(q))) return q + col;
    let inside = 0;
    let outside = 0;
    for (let l = p; l < q; l = this.next(l)) {
      const c = this.spaces(l);
      if (this.text.charCodeAt(c) === 0x23) {
        if (c - l <= parent) outside++;
        else if (c - l >= indent) inside++;
        else unsupported(); // between the two columns: where yaml puts it is not checked
      }
    }
    if (inside > 0 && outside > 0) unsupported();
    if (inside > 0 && parent >= 0) this.rangeEnd = q + Math.max(col, 0);
    return undefined;
  }

  /** True when a mapping key (plain or quoted) followed by `:` starts at `p`. */
  protected keyAhead(p: number): boolean {
    const c = this.text[p]!;
    if (c === '[' || c === '{' || c === '&' || c === '*') return false;
    if (c === '"' || c === "'") {
      const q = quotedValue(this.text, p, this.lineEnd(p));
      return q !== undefined && this.text.charCodeAt(q.end) === 0x3a;
    }
    return this.plainKeyEnd(p) !== undefined;
  }

  /** Where a plain key starting at `p` ends (its `:`), or undefined when the line holds no key. */
  protected plainKeyEnd(p: number): number | undefined {
    const { text } = this;
    const eol = this.lineEnd(p);
    for (let i = text.indexOf(':', p); i >= 0 && i < eol; i = text.indexOf(':', i + 1)) {
      const c = text.charCodeAt(i + 1);
      if (c === SPACE || c === NL || i + 1 >= text.length) {
        if (this.comment(p, i) >= 0) unsupported();
        return i;
      }
    }
    return undefined;
  }

  protected plainStart(value: string): boolean {
    if (value.length === 0) return false;
    const c = value.charCodeAt(0);
    if (c < 128 && INDICATOR[c] === 1) return false;
    return !((c === 0x2d || c === 0x3f || c === 0x3a) && (value.length === 1 || value.charCodeAt(1) === SPACE));
  }
}
