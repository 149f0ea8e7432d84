import type { ChartMetadata, FileResult } from '../model/file-result.js';
import type { FormatId } from '../model/occurrence.js';
import { DEFAULT_YAML_LIMITS, parseYaml, type YamlLimits } from '../yaml/parse.js';
import { forEachOtherReading } from '../yaml/duplicates.js';
import { YamlView } from '../yaml/view.js';
import { EXTRACTORS } from './api.js';
import { CHART_FILE, extractChartMetadata } from './chart-metadata.js';
import { extractHostsToml, } from './node-mirrors/index.js';
import { isHostsToml } from './node-mirrors/hosts-toml.js';
import type { DocContext, Sink } from './types.js';

export interface ExtractOptions {
  limits?: YamlLimits;
  /** The Chart.yaml of the chart a file belongs to, when the tree has one. */
  chartFor?: (file: string) => ChartMetadata | undefined;
}

const YAML_FILE = /\.ya?ml$/i;
const HELM_TEMPLATE = /(?:^|\/)templates\/[^/]+$/;

/** True for the files extractors read: YAML, and containerd hosts.toml. */
export function isCandidate(file: string): boolean {
  return YAML_FILE.test(file) || isHostsToml(file);
}

function emptyResult(file: string): FileResult {
  return { file, formats: [], occurrences: [], charts: [], mirrors: [], repositories: [], diagnostics: [] };
}

/** Adds what `other` found that `result` does not have yet (same kind, same place, same values). */
function addNew(result: FileResult, other: FileResult): void {
  const key = (item: unknown): string => JSON.stringify(item, (k, v: unknown) => (k === 'values' ? undefined : v));
  for (const kind of ['occurrences', 'charts', 'mirrors', 'repositories'] as const) {
    const known = new Set((result[kind] as unknown[]).map(key));
    for (const item of other[kind] as unknown[]) if (!known.has(key(item))) (result[kind] as unknown[]).push(item);
  }
}

/**
 * Extracts every image occurrence, chart reference and mirror config from one file. Pure and total:
 * it never throws; whatever it cannot read is a diagnostic with a reason.
 */
export function extractFile(file: string, text: string, options: ExtractOptions = {}): FileResult {
  const result = emptyResult(file);
  if (isHostsToml(file)) {
    const { mirrors, diagnostics } = extractHostsToml(file, text);
    return { ...result, formats: ['node-mirrors'], mirrors, diagnostics };
  }
  if (!YAML_FILE.test(file)) return result;
  if (HELM_TEMPLATE.test(file) && text.includes('{{')) {
    result.diagnostics.push({ file, code: 'template', message: 'Helm chart template: its images come from the chart values, which are read instead' });
    return result;
  }
  const parsed = parseYaml(file, text, options.limits ?? DEFAULT_YAML_LIMITS);
  for (const diagnostic of parsed.diagnostics) {
    if (diagnostic.code === 'invalid-yaml' && text.includes('{{')) {
      result.diagnostics.push({ ...diagnostic, code: 'template', message: `not YAML until its Go template expressions ({{ }}) are rendered, so its images are not read (${diagnostic.message})` });
    } else result.diagnostics.push(diagnostic);
  }
  const sink: Sink = result;
  const formats = new Set<FormatId>();
  const chart = options.chartFor?.(file);
  for (const { index, doc, duplicates } of parsed.documents) {
    const view = new YamlView(text, parsed.lineCounter, doc);
    const ctx: DocContext = { file, document: index, view };
    const apiVersion = view.str(doc.contents, 'apiVersion');
    const kind = view.str(doc.contents, 'kind');
    if (apiVersion) ctx.apiVersion = apiVersion;
    if (kind) ctx.kind = kind;
    if (chart) ctx.chart = chart;
    if (CHART_FILE.test(file) && !kind) {
      result.chartMetadata = extractChartMetadata(ctx, sink);
      continue;
    }
    const extractAll = (into: Sink): void => {
      for (const extractor of EXTRACTORS) {
        try {
          if (!extractor.matches(ctx)) continue;
          formats.add(extractor.id);
          extractor.extract(ctx, into);
        } catch (err) {
          result.diagnostics.push({ file, document: index, code: 'internal-error', message: `imagepin bug in the ${extractor.id} extractor: ${(err as Error).message}; the rest of the file was still read` });
        }
      }
    };
    extractAll(sink);
    // With a duplicated key, the other values are read too: what they yield beyond the first reading is added.
    forEachOtherReading(duplicates, () => {
      const other = emptyResult(file);
      extractAll(other);
      addNew(result, other);
    });
  }
  result.formats = [...formats];
  const at = (o: FileResult['occurrences'][number]): number => (o.parts.image ?? o.parts.repository)?.span.start.offset ?? 0;
  result.occurrences.sort((a, b) => a.document - b.document || at(a) - at(b));
  return result;
}
