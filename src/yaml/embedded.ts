import { isScalar, Scalar, type Node } from 'yaml';
import type { Diagnostic } from '../model/file-result.js';
import type { Position, ScalarNode } from '../model/position.js';
import { parseYaml } from './parse.js';
import { YamlView } from './view.js';

/**
 * Maps offsets of a block literal's value back to the file. For `|` scalars every value line is a
 * file line with the block's indentation removed, so the mapping is exact; anything else (folded,
 * quoted with escapes) is undefined: the caller maps every offset to the scalar's start, which is
 * still the right line.
 */
export function offsetMapper(text: string, node: Scalar, value: string): ((inner: number) => number) | undefined {
  const start = node.range?.[0] ?? 0;
  if (node.type !== Scalar.BLOCK_LITERAL) return undefined;
  const contentStart = text.indexOf('\n', start) + 1;
  if (contentStart === 0) return undefined;
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
    if (inner.length > 0 && outer.slice(indent) !== inner) return undefined;
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
    /** False when the string's characters are not the file's (folded, quoted): every offset is then its start. */
    private readonly exact: boolean,
    document = 0,
  ) {
    super(innerText, parsed.lineCounter, parsed.documents[document]!.doc);
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

  /** Where the mapping is not exact, a scalar's characters are not at its span: it reads as inside a folded scalar, so fixers leave it (src/fixers/parts.ts). */
  override scalar(node: unknown): ScalarNode | undefined {
    const found = super.scalar(node);
    return found && !this.exact ? { ...found, style: 'folded' } : found;
  }
}

/**
 * Parses a YAML string held by a scalar (Argo CD `helm.values`), so its images get positions in the
 * file. Returns the view of its first document, and diagnostics placed on the file's lines.
 */
export function embeddedYaml(outer: YamlView, file: string, node: Node): { view?: YamlView; diagnostics: Diagnostic[] } {
  const { views, diagnostics } = embeddedDocuments(outer, file, node);
  return views[0] ? { view: views[0], diagnostics } : { diagnostics };
}

/** Every document of a YAML string held by a scalar (Talos `inlineManifests[].contents`), each a view with the file's positions. */
export function embeddedDocuments(outer: YamlView, file: string, node: Node): { views: YamlView[]; diagnostics: Diagnostic[] } {
  if (!isScalar(node) || typeof node.value !== 'string') return { views: [], diagnostics: [] };
  const value = node.value;
  const parsed = parseYaml(file, value);
  const exact = offsetMapper(outer.text, node, value);
  const start = node.range?.[0] ?? 0;
  const mapOffset = exact ?? ((): number => start);
  const baseLine = outer.filePosition(mapOffset(0)).line;
  const diagnostics = parsed.diagnostics.map((d) => ({ ...d, line: d.line === undefined ? baseLine : baseLine + d.line - 1, message: `${d.message} (inside an embedded YAML string)` }));
  return { views: parsed.documents.map((_, index) => new EmbeddedView(value, parsed, outer, mapOffset, exact !== undefined, index)), diagnostics };
}
