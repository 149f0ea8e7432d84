import { readFileSync } from 'node:fs';
import { extractFile, type ExtractOptions } from '../../src/extractors/index.js';
import type { FileResult } from '../../src/model/file-result.js';
import type { Occurrence, Part } from '../../src/model/occurrence.js';
import { formatPath, type Span } from '../../src/model/position.js';

/** `line:col-line:col text`, where text is the file's characters at the span: proves the range exact. */
export function at(text: string, span: Span): string {
  return `${span.start.line}:${span.start.col}-${span.end.line}:${span.end.col} ${text.slice(span.start.offset, span.end.offset)}`;
}

/** A compact, complete view of an occurrence for table-driven expectations. */
export function summarize(text: string, occ: Occurrence): Record<string, unknown> {
  const parts = Object.fromEntries(Object.entries(occ.parts).map(([name, part]) => [name, at(text, (part as Part).span)]));
  const out: Record<string, unknown> = { ref: occ.reference?.canonical ?? occ.raw, shape: occ.shape, path: formatPath(occ.path), parts };
  if (occ.skipReason) out.skip = occ.skipReason;
  if (occ.pullPolicy) out.pullPolicy = occ.pullPolicy.value;
  if (occ.workload) out.workload = [occ.workload.kind, occ.workload.name, occ.workload.container].filter(Boolean).join(' ');
  if (occ.owner) out.owner = [occ.owner.kind, occ.owner.name, occ.owner.chart && `${occ.owner.chart}@${occ.owner.version ?? ''}`].filter(Boolean).join(' ');
  if (occ.numericTag) out.numeric = `${occ.numericTag.source}->${occ.numericTag.asNumber}`;
  if (occ.notes) out.notes = occ.notes;
  return out;
}

/** Reads a fixture beside a spec and extracts it under the given repository path. */
export function extractFixture(dir: URL, fixture: string, asPath = fixture, options?: ExtractOptions): { text: string; result: FileResult; occurrences: Record<string, unknown>[] } {
  const text = readFileSync(new URL(`__fixtures__/${fixture}`, dir), 'utf8');
  const result = extractFile(asPath, text, options);
  return { text, result, occurrences: result.occurrences.map((o) => summarize(text, o)) };
}
