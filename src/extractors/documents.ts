import type { FileResult } from '../model/file-result.js';
import type { FormatId } from '../model/occurrence.js';
import type { ParsedYaml } from '../yaml/parse.js';
import { YamlView } from '../yaml/view.js';
import { EXTRACTORS } from './api.js';
import { CHART_FILE, extractChartMetadata } from './chart-metadata.js';
import type { ExtractOptions } from './index.js';
import type { DocContext, Sink } from './types.js';

/** Offers every parsed document to every extractor; a throw is that extractor's diagnostic, the rest goes on. */
export function extractDocuments(file: string, text: string, parsed: ParsedYaml, options: ExtractOptions, result: FileResult, rendered?: string): void {
  const sink: Sink = result;
  const formats = new Set<FormatId>(result.formats);
  const chart = options.chartFor?.(file);
  for (const { index, doc } of parsed.documents) {
    const view = new YamlView(text, parsed.lineCounter, doc);
    const ctx: DocContext = { file, document: index, view };
    const apiVersion = view.str(doc.contents, 'apiVersion');
    const kind = view.str(doc.contents, 'kind');
    if (apiVersion) ctx.apiVersion = apiVersion;
    if (kind) ctx.kind = kind;
    if (chart) ctx.chart = chart;
    if (rendered) ctx.rendered = rendered;
    if (CHART_FILE.test(file) && !kind) {
      result.chartMetadata = extractChartMetadata(ctx, sink);
      continue;
    }
    for (const extractor of EXTRACTORS) {
      try {
        if (!extractor.matches(ctx)) continue;
        formats.add(extractor.id);
        extractor.extract(ctx, sink);
      } catch (err) {
        result.diagnostics.push({ file, document: index, code: 'internal-error', message: `imagepin bug in the ${extractor.id} extractor: ${(err as Error).message}; the rest of the file was still read` });
      }
    }
  }
  result.formats = [...formats];
}

