/** Positions in a file. Lines and columns are 1-based (as editors and GitHub show them); offsets 0-based. */
export interface Position {
  line: number;
  col: number;
  offset: number;
}

/** A half-open range [start, end) of a file's text. */
export interface Span {
  start: Position;
  end: Position;
}

/** How a YAML scalar is written; a fixer must keep it. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded' | 'toml';

/** One scalar node as written in the file, quotes included. */
export interface ScalarNode {
  span: Span;
  style: ScalarStyle;
  /** The node's source text, quotes included. */
  source: string;
}

/** A YAML path: keys and sequence indexes from the document root. */
export type YamlPath = (string | number)[];

/** `spec.template.spec.containers[0].image` */
export function formatPath(path: YamlPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}
