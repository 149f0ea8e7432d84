import { Scalar } from 'yaml';
import { Lines, unsupported } from './lines.js';
import { blockValue, type ScalarResolver } from './scalars.js';

/** Block scalars for the fast YAML reader: the plain forms, checked against yaml by fast.test.ts. */
export abstract class BlockScalars extends Lines {
  protected abstract readonly resolver: ScalarResolver;

  /** `|`, `|-`, `>`, `>-` with their lines; keep chomping, indentation indicators and header comments are left to yaml. */
  protected blockScalar(r: number, indent: number): Scalar {
    const { text } = this;
    const folded = text[r] === '>';
    const header = text.slice(r + 1, this.lineEnd(r));
    if (header !== '' && header !== '-') unsupported();
    const lines: string[] = [];
    let p = this.next(r);
    let width = -1;
    let end = p;
    while (p < text.length) {
      const eol = this.lineEnd(p);
      const col = this.spaces(p) - p;
      if (p + col === eol) {
        if (width < 0 ? col > indent : col > width) unsupported(); // spaces that may be content
        lines.push('');
      } else {
        if (col <= indent || (width >= 0 && col < width)) break;
        if (width < 0) width = col;
        if (folded && col > width) unsupported();
        lines.push(text.slice(p + width, eol));
        if (eol >= text.length) unsupported();
        end = eol + 1;
      }
      p = eol + 1;
    }
    if (width < 0 || this.commentsAfter(end, indent)) unsupported();
    const value = blockValue(lines, folded, header as '' | '-');
    return this.resolver.scalar(value, folded ? Scalar.BLOCK_FOLDED : Scalar.BLOCK_LITERAL, [r, end, end], false) ?? unsupported();
  }

  /** True when a comment line not in the collection's own column follows (where yaml puts those after a block scalar is not checked). */
  private commentsAfter(p: number, indent: number): boolean {
    for (let q = this.content(p); p < q; p = this.next(p)) {
      const c = this.spaces(p);
      if (this.text.charCodeAt(c) === 0x23 && c - p !== indent) return true;
    }
    return false;
  }
}
