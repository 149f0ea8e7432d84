import { posix } from 'node:path';
import type { FileResult } from '../../model/file-result.js';
import { parseYaml, type YamlLimits } from '../../yaml/parse.js';
import { extractDocuments } from '../documents.js';
import type { ExtractOptions } from '../index.js';
import { isHelmTemplate } from './files.js';
import { documentRanges, scanImageLines } from './line-scan.js';
import { neutralise } from './neutralise.js';
import { restoreResult } from './restore.js';

/**
 * Reads a template file line-tolerantly: its template blocks are set aside (`neutralise`) so the
 * YAML around them parses and every extractor reads it as usual; a document that still does not
 * parse has its image lines read one by one, with a diagnostic that says so. Literal references
 * come out with exact positions, templated ones as `templated`; the file's own text is put back
 * into everything reported, so a fixer edits only literal values.
 */
export function readTemplate(file: string, text: string, limits: YamlLimits, options: ExtractOptions, result: FileResult, rendered?: string): void {
  const neutral = neutralise(text).text;
  const parsed = parseYaml(file, neutral, limits);
  const ranges = documentRanges(neutral);
  for (const diagnostic of parsed.diagnostics) {
    if (diagnostic.code !== 'invalid-yaml') {
      result.diagnostics.push(diagnostic);
      continue;
    }
    const document = diagnostic.document ?? 0;
    const [from, to] = ranges[document] ?? [0, neutral.length];
    const scanned = scanImageLines(file, neutral, document, from, to);
    result.occurrences.push(...scanned.occurrences);
    if (!result.formats.includes('template')) result.formats.push('template');
    const reason = diagnostic.message.replace(/^invalid YAML: /, '');
    result.diagnostics.push({ ...diagnostic, code: 'template', message: `not YAML even with its template blocks set aside (${reason}), so only its image: lines were read, one by one; images written another way in this document are not seen` });
    result.diagnostics.push(...scanned.diagnostics);
  }
  extractDocuments(file, neutral, parsed, options, result, rendered);
  restoreResult(result, text, neutral);
  // A chart's own template, told by the Chart.yaml of the folder above `templates/`: its blocks are filled from that chart's values.
  const chart = isHelmTemplate(file) ? options.chartFor?.(file) : undefined;
  const folder = posix.dirname(posix.dirname(file));
  if (chart && posix.dirname(chart.file) === folder) for (const occ of result.occurrences) occ.helmChart = folder;
}
