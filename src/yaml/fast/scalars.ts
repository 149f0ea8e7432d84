import { Scalar, type Schema } from 'yaml';

/** How a scalar of the fast path is written; yaml's `Scalar.type` for each. */
export type FastStyle = typeof Scalar.PLAIN | typeof Scalar.QUOTE_SINGLE | typeof Scalar.QUOTE_DOUBLE | typeof Scalar.BLOCK_LITERAL | typeof Scalar.BLOCK_FOLDED;

interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  tag: string;
  resolve: (value: string, onError: (message: string) => void, options: object) => unknown;
}

const STR = 'tag:yaml.org,2002:str';

/**
 * yaml's scalar resolution (compose-scalar.js: `findScalarTagByTest`, then `tag.resolve`), over the
 * same schema object, so `1`, `0x1F`, `true`, `~` and `.inf` get the values, tags and formats yaml
 * gives them. Quoted and block scalars are strings, as yaml's `schema[SCALAR]`. Returns undefined
 * where yaml would report an error (the caller then leaves the file to yaml).
 */
export class ScalarResolver {
  private readonly tags: ScalarTag[];
  private readonly str: ScalarTag;
  /** Set by `onError` while a tag resolves a value: one function per resolver, not a closure per scalar. */
  private failed = false;
  private readonly onError = (): void => {
    this.failed = true;
  };

  constructor(
    schema: Schema,
    private readonly options: object,
  ) {
    this.tags = schema.tags as unknown as ScalarTag[];
    const str = this.tags.find((t) => t.tag === STR);
    if (!str) throw new Error('yaml schema without a string tag');
    this.str = str;
    // yaml 1.1's schema warns about values it reads two ways; the fast path is for the core schema only.
    if (schema.compat) throw new Error('the fast YAML path reads the core schema only');
  }

  /** yaml's `findScalarTagByTest` for a plain scalar: the first default tag whose test matches, else the string tag (a loop: no closure per scalar). */
  private plainTag(value: string, atKey: boolean): ScalarTag {
    for (const t of this.tags) if ((t.default === true || (atKey && t.default === 'key')) && t.test?.test(value)) return t;
    return this.str;
  }

  scalar(value: string, type: FastStyle, range: [number, number, number], atKey: boolean): Scalar | undefined {
    const tag = type === Scalar.PLAIN ? this.plainTag(value, atKey) : this.str;
    this.failed = false;
    let res: unknown;
    try {
      res = tag.resolve(value, this.onError, this.options);
    } catch {
      return undefined;
    }
    if (this.failed) return undefined;
    const node = res instanceof Scalar ? res : new Scalar(res);
    node.range = range;
    node.source = value;
    node.type = type;
    if (tag.format) node.format = tag.format;
    return node;
  }
}

/** A double-quoted scalar on one line without escapes, or a single-quoted one: its value, or undefined. */
export function quotedValue(text: string, start: number, lineEnd: number): { value: string; end: number; type: FastStyle } | undefined {
  const quote = text.charCodeAt(start);
  if (quote === 0x22) {
    const close = text.indexOf('"', start + 1);
    if (close < 0 || close >= lineEnd) return undefined;
    const value = text.slice(start + 1, close);
    if (value.includes('\\')) return undefined;
    return { value, end: close + 1, type: Scalar.QUOTE_DOUBLE };
  }
  let i = start + 1;
  let value = '';
  for (;;) {
    const close = text.indexOf("'", i);
    if (close < 0 || close >= lineEnd) return undefined;
    value += text.slice(i, close);
    if (text.charCodeAt(close + 1) !== 0x27) return { value, end: close + 1, type: Scalar.QUOTE_SINGLE };
    value += "'";
    i = close + 2;
  }
}

/**
 * The value of a block scalar's lines (already without their indentation; '' for an empty line),
 * for `|`/`>` with clip (`''`) or strip (`'-'`) chomping. Folding is only asked for lines that are
 * not more indented than the first (the caller checks), where YAML joins lines with a space and
 * each empty line between two lines gives one line break.
 */
export function blockValue(lines: string[], folded: boolean, chomp: '' | '-'): string {
  let last = lines.length;
  while (last > 0 && lines[last - 1] === '') last--;
  let body = '';
  if (!folded) body = lines.slice(0, last).join('\n');
  else {
    let blank = 0;
    for (let i = 0; i < last; i++) {
      const line = lines[i]!;
      if (line === '') blank++;
      else {
        if (i > 0) body += blank > 0 ? '\n'.repeat(blank) : ' ';
        body += line;
        blank = 0;
      }
    }
  }
  return chomp === '-' || last === 0 ? body : `${body}\n`;
}
