import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { YamlPath } from '../model/position.js';
import { parseYaml } from '../yaml/parse.js';
import { lineEnding } from './splice.js';
import type { Edit } from './types.js';

/** The column (0-based) of the first key of a block map: the indentation its new keys take. */
function keyIndent(text: string, map: YAMLMap): number {
  const first = map.items[0]?.key as Node | undefined;
  const start = first?.range?.[0] ?? map.range?.[0] ?? 0;
  return start - (text.lastIndexOf('\n', start - 1) + 1);
}

/**
 * Edits that set `fields` (e.g. tag and digest) at `path` in one YAML document of a repository
 * file, creating the missing maps as indented block lines after the deepest map that exists, and
 * replacing values that are already there. Comments and everything else stay as they are. Flow
 * maps and non-map values on the way are refused with a reason.
 */
export function overrideEdits(text: string, document: number, path: YamlPath, fields: Record<string, string>): Edit[] | string {
  const parsed = parseYaml('override.yaml', text).documents.find((d) => d.index === document);
  if (!parsed) return 'the document could not be read';
  let node: unknown = parsed.doc.contents;
  let depth = 0;
  for (; depth < path.length; depth++) {
    if (!isMap(node)) return `${path.slice(0, depth).join('.')} is not a map`;
    const child = node.get(path[depth], true) as unknown;
    if (child === undefined || child === null || (isScalar(child) && child.value === null)) break;
    node = child;
  }
  if (!isMap(node) || node.flow) return `${path.slice(0, depth).join('.') || 'the document'} is not a block map that keys can be added to`;
  const map = node;
  const eol = lineEnding(text);
  const edits: Edit[] = [];
  const remaining = path.slice(depth).map(String);
  const toInsert = Object.entries(fields).filter(([key, value]) => {
    if (remaining.length > 0) return true;
    const existing = map.get(key, true) as unknown;
    if (!isScalar(existing) || !existing.range) return true;
    edits.push({ start: existing.range[0], end: existing.range[1], text: JSON.stringify(value) });
    return false;
  });
  if (toInsert.length === 0) return edits;
  // New keys go after the map's last line, at the indentation of its keys (or two deeper than its parent key when empty).
  const indent = map.items.length ? keyIndent(text, map) : keyIndent(text, parsed.doc.contents as YAMLMap) + 2 * depth;
  const lines: string[] = [];
  remaining.forEach((key, i) => lines.push(`${' '.repeat(indent + 2 * i)}${key}:`));
  for (const [key, value] of toInsert) lines.push(`${' '.repeat(indent + 2 * remaining.length)}${key}: ${JSON.stringify(value)}`);
  const end = map.range?.[1] ?? text.length;
  const lineEnd = text.indexOf('\n', Math.max(0, end - 1));
  const at = lineEnd === -1 ? text.length : lineEnd + 1;
  const body = lines.join(eol) + eol;
  edits.push({ start: at, end: at, text: lineEnd === -1 ? eol + body : body });
  return edits;
}
