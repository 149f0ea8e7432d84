import type { Edit } from './types.js';

/**
 * Applies edits to a text as splices at their offsets, last first, so earlier offsets stay valid.
 * Everything outside the edits (comments, quoting, indentation, key order, line endings) is kept.
 * Identical edits count once; other overlapping edits are a planning bug and throw.
 */
export function applyEdits(text: string, edits: Edit[]): string {
  // The same edit planned twice (a shared global registry field) is applied once.
  const unique = [...new Map(edits.map((e) => [`${e.start}|${e.end}|${e.text}`, e])).values()];
  // Last first; insertions at one offset keep their planned order (the later one is applied first).
  const sorted = unique.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.index - a.index);
  let out = text;
  let limit = Infinity;
  for (const { edit } of sorted) {
    if (edit.end > limit || edit.start > edit.end) throw new Error(`overlapping edits at offset ${edit.start}`);
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}

/** The line ending a file uses, so inserted lines match it. */
export function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * An edit that inserts `key: value` as a new line after the line holding `afterOffset`, indented
 * like the line at `indentOf` (a sibling key).
 */
export function insertLineAfter(text: string, afterOffset: number, indentOf: number, line: string): Edit {
  const eol = lineEnding(text);
  const lineStart = text.lastIndexOf('\n', indentOf - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  // A sibling that follows `- ` in a sequence entry is indented past the dash.
  const dash = /^[ \t]*- /.exec(text.slice(lineStart));
  const pad = dash && lineStart + dash[0].length <= indentOf ? ' '.repeat(dash[0].length) : indent;
  const end = text.indexOf('\n', afterOffset);
  const at = end === -1 ? text.length : end + 1;
  const prefix = end === -1 ? eol : '';
  return { start: at, end: at, text: `${prefix}${pad}${line}${end === -1 ? '' : eol}` };
}
