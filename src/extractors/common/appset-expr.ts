/**
 * The ApplicationSet template expressions imagepin evaluates: goTemplate field chains (`.key`,
 * `.values.key`, `.path.basename`) and `index .path.segments 1`; fasttemplate's plain tags. Nothing
 * with a function, a pipe or a control word (`if`, `range`, `end`).
 */
export const EXPRESSION = /\{\{-?\s*(.*?)\s*-?\}\}/g;
export const FIELD = /^\.([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)$/;
export const INDEX = /^index\s+\.([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)\s+(\d+)$/;

/** The first expression of a text that is not a plain parameter, as written; undefined when there is none. */
export function firstComplex(text: string, goTemplate: boolean): string | undefined {
  for (const [whole, body] of text.matchAll(EXPRESSION)) {
    if (goTemplate ? !FIELD.test(body!) && !INDEX.test(body!) : /\s/.test(body!)) return whole;
  }
  // A `{{` that no expression closes (the regular expression needs one line) is not plain either.
  const opened = text.split('{{').length - 1;
  return opened > [...text.matchAll(EXPRESSION)].length ? '{{' : undefined;
}
