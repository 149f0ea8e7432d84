// Compares `imagepin scan --offline --format json` output with a hand-written answer key
// (bench/fidelity/*.key.tsv): which references of the key were found, which were missed, and
// which occurrences the key does not hold (false positives). Pure: text in, result out.

/** One row of an answer key: a reference the repository deploys, where it is written. */
export interface KeyRow {
  file: string;
  line: number;
  /** As written, parts joined; `<...>` stands for a part the tree does not hold (any text matches). */
  reference: string;
  note: string;
}

/** The fields of a scan occurrence the comparison reads (docs/json-output.md). */
export interface ScannedOccurrence {
  file: string;
  line?: number;
  raw: string;
  format?: string;
  skipReason?: string;
  parts?: Record<string, { span?: { start?: { line?: number } } } | undefined>;
}

export interface Miss {
  row: KeyRow;
  /** What the scan reported on that line instead, if anything. */
  reportedAs?: string;
}

export interface Comparison {
  key: number;
  found: KeyRow[];
  missed: Miss[];
  extra: ScannedOccurrence[];
}

/** Parses a key: tab-separated `file line reference commit note`, `#` comments, one header row. */
export function parseKey(text: string): KeyRow[] {
  const rows: KeyRow[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('#') || line.startsWith('file\t')) continue;
    const [file, at, reference, , note] = line.split('\t');
    const number = Number(at);
    if (!file || !reference || !Number.isInteger(number) || number < 1) {
      throw new Error(`key line ${index + 1}: expected "file<TAB>line<TAB>reference<TAB>commit<TAB>note", got ${JSON.stringify(raw)}`);
    }
    rows.push({ file, line: number, reference, note: note ?? '' });
  }
  return rows;
}

/** The line an occurrence is reported at; an implied one (talhelper's installer) has only its parts' spans. */
export function lineOf(occ: ScannedOccurrence): number | undefined {
  if (occ.line !== undefined) return occ.line;
  const lines = Object.values(occ.parts ?? {}).map((p) => p?.span?.start?.line).filter((l): l is number => l !== undefined);
  return lines.length > 0 ? Math.min(...lines) : undefined;
}

function matcher(reference: string): (raw: string) => boolean {
  if (!reference.includes('<')) return (raw) => unquote(raw) === reference;
  const pattern = reference.split(/<[^>]*>/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^:@]+');
  const re = new RegExp(`^${pattern}$`);
  // A key written exactly as the file (an argocd-vault-plugin `<path:kv/x#host>` holds `:`, which the wildcard does not take).
  return (raw) => unquote(raw) === reference || re.test(unquote(raw));
}

function unquote(raw: string): string {
  return raw.replace(/^(['"])(.*)\1$/, '$2');
}

/** Matches key rows to occurrences one to one, by file, line and reference. */
export function compare(key: KeyRow[], occurrences: ScannedOccurrence[]): Comparison {
  const unmatched = new Set(occurrences);
  const found: KeyRow[] = [];
  const missed: Miss[] = [];
  for (const row of key) {
    const matches = matcher(row.reference);
    const hit = [...unmatched].find((o) => o.file === row.file && lineOf(o) === row.line && matches(o.raw));
    if (hit) {
      unmatched.delete(hit);
      found.push(row);
      continue;
    }
    const sameLine = occurrences.find((o) => o.file === row.file && lineOf(o) === row.line);
    missed.push(sameLine ? { row, reportedAs: sameLine.raw } : { row });
  }
  return { key: key.length, found, missed, extra: [...unmatched] };
}

/** The figures and every miss and extra, one per line, for a person to read. */
export function formatComparison(name: string, result: Comparison): string {
  const recall = result.key === 0 ? 'n/a' : `${((100 * result.found.length) / result.key).toFixed(1)} %`;
  const reported = result.found.length + result.extra.length;
  const precision = reported === 0 ? 'n/a' : `${((100 * result.found.length) / reported).toFixed(1)} %`;
  const lines = [`${name}: key ${result.key}, found ${result.found.length}, missed ${result.missed.length}, extra ${result.extra.length} (recall ${recall}, precision ${precision})`];
  for (const m of result.missed) {
    lines.push(`  missed ${m.row.file}:${m.row.line} ${m.row.reference}${m.reportedAs ? ` (reported as ${m.reportedAs})` : ' (not reported)'}`);
  }
  for (const e of result.extra) lines.push(`  extra  ${e.file}:${lineOf(e) ?? '?'} ${e.raw} (${e.format ?? '?'}${e.skipReason ? `, ${e.skipReason}` : ''})`);
  return `${lines.join('\n')}\n`;
}
