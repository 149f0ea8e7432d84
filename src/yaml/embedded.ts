import { isScalar, Scalar, type Node } from 'yaml';
import type { Diagnostic } from '../model/file-result.js';
import type { Position } from '../model/position.js';
import { parseYaml } from './parse.js';
import { YamlView } from './view.js';

/**
 * Maps offsets of a block literal's value back to the file. For `|` scalars every value line is a
 * file line with the block's indentation removed, so the mapping is exact; anything else (folded,
 * quoted with escapes) maps every offset to the scalar's start, which is still the right line.
 */
function offsetMapper(text: string, node: Scalar, value: string): (inner: number) => number {
  const start = node.range?.[0] ?? 0;
  const fallback = (): number => start;
  if (node.type !== Scalar.BLOCK_LITERAL) return fallback;
  const contentStart = text.indexOf('\n', start) + 1;
  if (contentStart === 0) return fallback;
  const valueLines = value.split('\n');
  const firstContent = valueLines.findIndex((line) => line.length > 0);
  const outerLines = text.slice(contentStart).split('\n', valueLines.length);
  const sample = outerLines[firstContent] ?? '';
  const indent = sample.length - (valueLines[firstContent] ?? '').length;
  const lineStarts: number[] = [];
  let offset = contentStart;
  for (let i = 0; i < valueLines.length; i++) {
    const outer = outerLines[i] ?? '';
    const inner = valueLines[i] ?? '';
    if (inner.length > 0 && outer.slice(indent) !== inner) return fallback;
    lineStarts.push(offset + indent);
    offset += outer.length + 1;
  }
  const innerStarts: number[] = [];
  let innerOffset = 0;
  for (const line of valueLines) {
    innerStarts.push(innerOffset);
    innerOffset += line.length + 1;
  }
  return (inner) => {
    let line = innerStarts.length - 1;
    while (line > 0 && innerStarts[line]! > inner) line--;
    return lineStarts[line]! + (inner - innerStarts[line]!);
  };
}

/** A view of a YAML document written inside a string scalar, whose positions are the file's. */
class EmbeddedView extends YamlView {
  constructor(
    innerText: string,
    parsed: ReturnType<typeof parseYaml>,
    private readonly outer: YamlView,
    private readonly mapOffset: (inner: number) => number,
  ) {
    super(innerText, parsed.lineCounter, parsed.documents[0]!.doc);
  }

  override position(offset: number): Position {
    return this.outer.filePosition(this.mapOffset(offset));
  }

  override get fileText(): string {
    return this.outer.fileText;
  }

  override filePosition(offset: number): Position {
    return this.outer.filePosition(offset);
  }
}

/**
 * Parses a YAML string held by a scalar (Argo CD `helm.values`), so its images get positions in the
 * file. Returns the view of its first document, and diagnostics placed on the file's lines.
 */
export function embeddedYaml(outer: YamlView, file: string, node: Node): { view?: YamlView; diagnostics: Diagnostic[] } {
  if (!isScalar(node) || typeof node.value !== 'string') return { diagnostics: [] };
  const value = node.value;
  const parsed = parseYaml(file, value);
  const mapOffset = offsetMapper(outer.text, node, value);
  const baseLine = outer.filePosition(mapOffset(0)).line;
  const diagnostics = parsed.diagnostics.map((d) => ({ ...d, line: d.line === undefined ? baseLine : baseLine + d.line - 1, message: `${d.message} (inside an embedded YAML string)` }));
  if (parsed.documents.length === 0) return { diagnostics };
  return { view: new EmbeddedView(value, parsed, outer, mapOffset), diagnostics };
}
