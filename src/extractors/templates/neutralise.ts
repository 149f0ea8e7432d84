/**
 * Template blocks of Go templates (`{{ }}`, Helm, helmfile, gomplate) and Jinja (`{{ }}`, `{% %}`,
 * `{# #}`). A block opens with one of OPENERS and ends at the matching closer, possibly lines later.
 */
const OPENERS: Record<string, string> = { '{{': '}}', '{%': '%}', '{#': '#}' };

/**
 * What an opener inside a value becomes: two private-use characters, which YAML reads as plain
 * text and no file of a GitOps repository contains, so `restore` can put the opener back anywhere.
 */
const PLACEHOLDERS: Record<string, string> = { '{{': '\uE000\uE001', '{%': '\uE000\uE002', '{#': '\uE000\uE003' };
const ORIGINALS = new Map(Object.entries(PLACEHOLDERS).map(([opener, placeholder]) => [placeholder, opener]));

/** A string of neutral text with its template openers put back. */
export function restore(value: string): string {
  return value.includes('\uE000') ? value.replace(/\uE000[\uE001-\uE003]/g, (p) => ORIGINALS.get(p) ?? p) : value;
}

export interface Neutralised {
  /** The text with every template block set aside, exactly as long as the original, line for line. */
  text: string;
  /** True when the text had a template block at all. */
  changed: boolean;
}

/** The [start, end) ranges of every template block; an unclosed block runs to the end of the text. */
export function templateBlocks(text: string): [number, number][] {
  const blocks: [number, number][] = [];
  let at = 0;
  for (;;) {
    const open = text.indexOf('{', at);
    if (open === -1 || open + 1 >= text.length) return blocks;
    const closer = OPENERS[text.slice(open, open + 2)];
    if (!closer) {
      at = open + 1;
      continue;
    }
    const close = text.indexOf(closer, open + 2);
    const end = close === -1 ? text.length : close + 2;
    blocks.push([open, end]);
    at = end;
  }
}

/**
 * Sets template blocks aside so that the YAML around them parses, keeping every offset, line and
 * column of the original: a line that holds nothing but template blocks (`{{- if .Values.x }}`,
 * `{% for n in nodes %}`, `{{ include "x" . | nindent 4 }}`) becomes a YAML comment, and a block
 * inside a value has its opener replaced by a placeholder, so the value is a plain scalar. The
 * original characters are put back into everything reported (`restoreResult`), and whatever
 * touches a block is marked templated, so nothing of the neutral text reaches a user or a fixer.
 */
export function neutralise(text: string): Neutralised {
  const blocks = templateBlocks(text);
  if (blocks.length === 0) return { text, changed: false };
  const out = text.split('');
  const covered = new Uint8Array(text.length);
  for (const [start, end] of blocks) covered.fill(1, start, end);
  // Lines made only of blocks and blanks become comments (each line of a multi-line block too).
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let first = -1;
    let onlyTemplate = true;
    let anyTemplate = false;
    for (let i = lineStart; i < lineEnd; i++) {
      const blank = text[i] === ' ' || text[i] === '\t' || text[i] === '\r';
      if (covered[i]) anyTemplate = true;
      else if (!blank) onlyTemplate = false;
      if (first === -1 && !blank) first = i;
    }
    if (anyTemplate && onlyTemplate && first !== -1) {
      out[first] = '#';
      covered.fill(0, lineStart, lineEnd);
    }
    lineStart = lineEnd + 1;
  }
  for (const [start] of blocks) {
    if (!covered[start]) continue;
    const placeholder = PLACEHOLDERS[text.slice(start, start + 2)]!;
    out[start] = placeholder[0]!;
    out[start + 1] = placeholder[1]!;
  }
  return { text: out.join(''), changed: true };
}
