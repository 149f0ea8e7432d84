export const SPACE = 0x20;
export const NL = 0x0a;

/** Thrown inside the fast path where the text leaves the subset it reads; the caller asks yaml. */
export class Unsupported extends Error {}
export const unsupported = (): never => {
  throw new Unsupported();
};

/** Line and indentation helpers over one text, for the fast YAML reader. Offsets, never copies. */
export class Lines {
  constructor(protected readonly text: string) {}

  protected lineEnd(p: number): number {
    const nl = this.text.indexOf('\n', p);
    return nl < 0 ? this.text.length : nl;
  }

  protected next(p: number): number {
    return Math.min(this.lineEnd(p) + 1, this.text.length);
  }

  protected spaces(p: number): number {
    while (this.text.charCodeAt(p) === SPACE) p++;
    return p;
  }

  /** The start of the next line that holds content (not blank, not only a comment), or the text's length. */
  protected content(p: number): number {
    const { text } = this;
    while (p < text.length) {
      const q = this.spaces(p);
      const c = text.charCodeAt(q);
      if (q < text.length && c !== NL && c !== 0x23) return p;
      p = this.next(q);
    }
    return text.length;
  }

  protected isMarker(p: number): boolean {
    const t = this.text;
    return (t.startsWith('---', p) || t.startsWith('...', p)) && (p + 3 >= t.length || t.charCodeAt(p + 3) === NL || t.charCodeAt(p + 3) === SPACE);
  }

  protected isSeqItem(p: number): boolean {
    const c = this.text.charCodeAt(p + 1);
    return this.text.charCodeAt(p) === 0x2d && (c === SPACE || c === NL || p + 1 >= this.text.length);
  }

  protected lineStart(p: number): number {
    return this.text.lastIndexOf('\n', p - 1) + 1;
  }

  /** yaml counts comment lines right after a one-line scalar that are more indented than its collection as the scalar's end. */
  protected indentedComments(p: number, indent: number): number {
    let end = p;
    while (p < this.text.length) {
      const q = this.spaces(p);
      const c = this.text.charCodeAt(q);
      if (c === 0x23 && q - p > indent) end = this.next(q);
      else if (!(c === NL || q >= this.text.length)) break;
      p = this.next(q);
    }
    return end;
  }

  /** Where ` #` (a comment after content) starts in [p, end), or -1; searched within the line only. */
  protected comment(p: number, end: number): number {
    for (let i = p + 1; i < end; i++) if (this.text.charCodeAt(i) === 0x23 && this.text.charCodeAt(i - 1) === SPACE) return i - 1;
    return -1;
  }
}
