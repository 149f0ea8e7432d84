import type { FileResult } from '../model/file-result.js';
import type { FormatId, Occurrence } from '../model/occurrence.js';
import type { ParsedYaml } from '../yaml/parse.js';
import { forEachOtherReading } from '../yaml/duplicates.js';
import { YamlView } from '../yaml/view.js';
import { EXTRACTORS } from './api.js';
import { CHART_FILE, extractChartMetadata } from './chart-metadata.js';
import type { ExtractOptions } from './index.js';
import type { DocContext, Sink, YamlExtractor } from './types.js';
import { layersOf } from './layers/index.js';

/** Adds what `other` found that `result` does not have yet (same kind, same place, same values). */
function addNew(result: FileResult, other: FileResult): void {
  const key = (item: unknown): string => JSON.stringify(item, (k, v: unknown) => (k === 'values' ? undefined : v));
  // An occurrence is the same one when it is the same text at the same place: another reading may only
  // see its context differently (a duplicated `metadata:` names the workload in one reading, not the other).
  const place = (occ: Occurrence): string => JSON.stringify([occ.document, occ.path, occ.raw, Object.entries(occ.parts).map(([name, part]) => [name, part?.span.start.offset, part?.span.end.offset])]);
  const seen = new Set(result.occurrences.map(place));
  for (const occ of other.occurrences) if (!seen.has(place(occ))) result.occurrences.push(occ);
  for (const kind of ['charts', 'mirrors', 'repositories'] as const) {
    const known = new Set((result[kind] as unknown[]).map(key));
    for (const item of other[kind] as unknown[]) if (!known.has(key(item))) (result[kind] as unknown[]).push(item);
  }
  // Notices too: an image under `enabled: false` in another value of a duplicated key is still said (decision 59).
  const known = new Set((result.notFollowed ?? []).map(key));
  for (const item of other.notFollowed ?? []) if (!known.has(key(item))) (result.notFollowed ??= []).push(item);
  const held = new Set((result.disabledImages ?? []).map((d) => key(d.notice)));
  for (const item of other.disabledImages ?? []) if (!held.has(key(item.notice))) (result.disabledImages ??= []).push(item);
}

/**
 * Offers every parsed document to every extractor (or to those given: the ones the text pre-filter
 * let through); a throw is that extractor's diagnostic, the rest goes on.
 */
export function extractDocuments(file: string, text: string, parsed: ParsedYaml, options: ExtractOptions, result: FileResult, rendered?: string, extractors: readonly YamlExtractor[] = EXTRACTORS): void {
  const sink: Sink = result;
  const formats = new Set<FormatId>(result.formats);
  const chart = options.chartFor?.(file);
  const talenv = options.talenvFor?.(file);
  for (const { index, doc, duplicates, aliases } of parsed.documents) {
    const view = new YamlView(text, parsed.lineCounter, doc, aliases);
    const ctx: DocContext = { file, document: index, view };
    const apiVersion = view.str(doc.contents, 'apiVersion');
    const kind = view.str(doc.contents, 'kind');
    if (apiVersion) ctx.apiVersion = apiVersion;
    if (kind) ctx.kind = kind;
    if (chart) ctx.chart = chart;
    if (talenv) ctx.talenv = talenv;
    if (options.talosPatchFiles) ctx.talosPatchFiles = options.talosPatchFiles;
    if (options.held) ctx.held = options.held;
    if (options.omniConfigPatches) ctx.omniConfigPatches = options.omniConfigPatches;
    if (rendered) ctx.rendered = rendered;
    if (CHART_FILE.test(file) && !kind) {
      result.chartMetadata = extractChartMetadata(ctx, sink);
      continue;
    }
    const extractAll = (into: Sink): void => {
      for (const extractor of extractors) {
        try {
          if (!extractor.matches(ctx)) continue;
          formats.add(extractor.id);
          extractor.extract(ctx, into);
        } catch (err) {
          result.diagnostics.push({ file, document: index, code: 'internal-error', message: `imagepin bug in the ${extractor.id} extractor: ${(err as Error).message}; the rest of the file was still read` });
        }
      }
    };
    const before = sink.occurrences.length;
    extractAll(sink);
    try {
      const layers = layersOf(ctx, sink.occurrences.slice(before).some((o) => o.format === 'crd'));
      if (layers.length) (result.layers ??= []).push(...layers);
    } catch (err) {
      result.diagnostics.push({ file, document: index, code: 'internal-error', message: `imagepin bug reading how this document renders other files: ${(err as Error).message}; its effective references are not reported` });
    }
    // With a duplicated key, the other values are read too: what they yield beyond the first reading is added.
    forEachOtherReading(duplicates, () => {
      view.invalidate();
      const other: FileResult = { file, formats: [], occurrences: [], charts: [], mirrors: [], repositories: [], diagnostics: [] };
      extractAll(other);
      addNew(result, other);
    });
    if (duplicates.length > 0) view.invalidate();
  }
  result.formats = [...formats];
}

