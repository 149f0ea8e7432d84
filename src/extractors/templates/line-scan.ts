import { LineCounter } from 'yaml';
import type { Diagnostic } from '../../model/file-result.js';
import type { Occurrence } from '../../model/occurrence.js';
import type { Position } from '../../model/position.js';
import { parseYaml } from '../../yaml/parse.js';
import { YamlView } from '../../yaml/view.js';
import { fromString } from '../common/build.js';
import { isImageKey } from '../common/image-map.js';
import { unreadLine } from './unread-line.js';

/** `image: ...` or `sidecarImage: ...` on one line, in a mapping or as a list item. */
const IMAGE_LINE = /^([ \t]*(?:-[ \t]+)?)([A-Za-z][A-Za-z0-9]*)[ \t]*:[ \t]+\S/;

/** A view of one line parsed on its own, whose offsets and positions are those of the whole file. */
class LineView extends YamlView {
  constructor(
    lineText: string,
    parsed: ReturnType<typeof parseYaml>,
    private readonly base: number,
    private readonly file: { text: string; lines: LineCounter },
  ) {
    super(lineText, parsed.lineCounter, parsed.documents[0]!.doc);
  }

  override position(offset: number): Position {
    return this.filePosition(this.base + offset);
  }

  override get fileText(): string {
    return this.file.text;
  }

  override filePosition(offset: number): Position {
    const { line, col } = this.file.lines.linePos(offset);
    return { line, col, offset };
  }
}

function lineCounter(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines.addNewLine(at + 1);
  return lines;
}

/**
 * The last resort for a template document that is not YAML even with its template blocks set
 * aside: every `image:` (or `*Image:`) line is read on its own, with exact positions. Its path is
 * `line N.<key>`, since the YAML structure around it is unknown. A line that does not parse even
 * alone is a templated occurrence when it holds a template block, else a diagnostic at that line.
 */
export function scanImageLines(file: string, text: string, document: number, from: number, to: number): { occurrences: Occurrence[]; diagnostics: Diagnostic[] } {
  const found: Occurrence[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = lineCounter(text);
  const counted = { text, lines };
  for (let start = from; start < to; ) {
    let end = text.indexOf('\n', start);
    if (end === -1 || end > to) end = to;
    const match = IMAGE_LINE.exec(text.slice(start, end));
    if (match && isImageKey(match[2]!)) {
      const base = start + match[1]!.length;
      const parsed = parseYaml(file, text.slice(base, end));
      const doc = parsed.documents[0]?.doc;
      const line = lines.linePos(start).line;
      if (doc && parsed.diagnostics.length === 0) {
        const view = new LineView(text.slice(base, end), parsed, base, counted);
        const value = view.get(doc.contents, match[2]!);
        const occ = value && fromString({ file, document, view }, value, [`line ${line}`, match[2]!], { format: 'template' });
        if (occ && occ.skipReason !== 'invalid-reference') found.push(occ);
      } else {
        const reason = (parsed.diagnostics[0]?.message ?? 'no YAML document').replace(/^invalid YAML: /, '');
        const unread = unreadLine({ file, text, lines, document, line, key: match[2]!, from: start + match[0].length - 1, to: end, reason });
        if (unread.occurrence) found.push(unread.occurrence);
        if (unread.diagnostic) diagnostics.push(unread.diagnostic);
      }
    }
    start = end + 1;
  }
  return { occurrences: found, diagnostics };
}

/**
 * Where each YAML document of a stream starts and ends, as `yaml` splits them: at `---` lines,
 * where a `---` before any content opens the first document rather than a second one, and an empty
 * document between two `---` lines still counts.
 */
export function documentRanges(text: string): [number, number][] {
  const ranges: [number, number][] = [];
  let start = 0;
  let content = false;
  let opened = false;
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    const line = text.slice(at, end);
    if (/^---(?:[ \t]|$)/.test(line)) {
      if (content || opened) ranges.push([start, at]);
      start = at;
      opened = true;
      content = line.slice(3).trim() !== '' && !line.slice(3).trim().startsWith('#');
    } else if (!/^\s*(?:#.*)?$/.test(line) && !line.startsWith('%')) content = true;
    at = end + 1;
  }
  ranges.push([start, text.length]);
  return ranges;
}
