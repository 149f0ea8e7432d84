import type { LineCounter } from 'yaml';
import type { Diagnostic } from '../../model/file-result.js';
import type { Occurrence } from '../../model/occurrence.js';
import type { Position, ScalarStyle } from '../../model/position.js';

/** Where an image line's value is: the whole of it (quotes included) and its characters inside the quotes. */
interface ValueAt {
  start: number;
  end: number;
  inner: [number, number];
  style: ScalarStyle;
}

/** The value of `key: value` from `from` to the line's end: a quoted value ends at its last quote, a plain one at a ` #` comment. */
function valueAt(text: string, from: number, to: number): ValueAt {
  const line = text.slice(from, to);
  const quote = line[0];
  if ((quote === '"' || quote === "'") && line.lastIndexOf(quote) > 0) {
    const close = line.lastIndexOf(quote);
    if (/^\s*(?:#.*)?$/.test(line.slice(close + 1))) return { start: from, end: from + close + 1, inner: [from + 1, from + close], style: quote === '"' ? 'double' : 'single' };
  }
  const comment = line.search(/\s#/);
  const end = from + (comment === -1 ? line.length : comment);
  const trimmed = from + text.slice(from, end).trimEnd().length;
  return { start: from, end: trimmed, inner: [from, trimmed], style: 'plain' };
}

export interface UnreadLine {
  file: string;
  /** The neutral text of the whole file (template openers set aside). */
  text: string;
  lines: LineCounter;
  document: number;
  line: number;
  key: string;
  /** Where the value starts and where the line ends. */
  from: number;
  to: number;
  /** Why the line does not parse as YAML on its own. */
  reason: string;
}

/**
 * An image line that is not YAML even on its own. With a template block in it (`image: "{{ .r |
 * default "docker.io" }}/..."`, whose inner quotes end the YAML string early), it is a templated
 * occurrence as written, reported as every templated image is (unresolvable-template) once its
 * blocks are put back; without one it is a diagnostic at that line, so that no image line is
 * passed over without a word.
 */
export function unreadLine(u: UnreadLine): { occurrence?: Occurrence; diagnostic?: Diagnostic } {
  const at = (offset: number): Position => ({ ...u.lines.linePos(offset), offset });
  const value = valueAt(u.text, u.from, u.to);
  if (!u.text.slice(value.start, value.end).includes('\uE000')) {
    const { col } = u.lines.linePos(u.from);
    const written = u.text.slice(u.from, u.to).trim();
    const shown = written.length > 120 ? `${written.slice(0, 117)}...` : written;
    const message = `image line not read: \`${u.key}: ${shown}\` is not YAML even on its own (${u.reason}), so imagepin reports no image for it; whatever this line runs is not checked`;
    return { diagnostic: { file: u.file, code: 'template', message, line: u.line, col, document: u.document } };
  }
  const path = [`line ${u.line}`, u.key];
  const node = { span: { start: at(value.start), end: at(value.end) }, style: value.style, source: u.text.slice(value.start, value.end) };
  const raw = u.text.slice(...value.inner);
  const occurrence: Occurrence = {
    file: u.file, format: 'template', document: u.document, path, shape: 'string', raw,
    parts: { image: { path, node, span: { start: at(value.inner[0]), end: at(value.inner[1]) } } },
    skipReason: 'templated', skipDetail: 'written with a template block that is filled in at render time',
  };
  return { occurrence };
}
