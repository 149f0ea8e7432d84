import { findingOrder } from '../rules/runner.js';
import type { Finding, Severity } from '../rules/types.js';
import { compareText } from '../text-order.js';
import type { Chunk, SpillFile } from './spill.js';

/** One file's findings of one kind of unit (0 occurrences, 1 charts, 2 mirrors), as `,{...}` chunks. */
interface Group {
  file: string;
  phase: number;
  count: number;
  chunk: Chunk;
}

/**
 * Findings written to the spill file as each file is checked, and put in the order `runRules`
 * gives (decision 41): by file, then position, the most severe first, and otherwise in the order
 * they were found, where every occurrence of the tree comes before every chart and every mirror.
 * A file's findings are sorted when written; only when one file has more than one group (a chart
 * or mirror finding beside its occurrences' findings) are they read back and merged.
 */
export class FindingSpill {
  private readonly groups: Group[] = [];
  readonly severities = new Set<Severity>();

  constructor(private readonly spill: SpillFile) {}

  /** The findings of one file's units of one kind, in the order they were found. */
  add(findings: Finding[], phase: number): void {
    const byFile = new Map<string, Finding[]>();
    for (const finding of findings) {
      this.severities.add(finding.severity);
      const list = byFile.get(finding.file);
      if (list) list.push(finding);
      else byFile.set(finding.file, [finding]);
    }
    for (const [file, list] of byFile) this.groups.push({ file, phase, count: list.length, chunk: this.write(list.sort(findingOrder)) });
  }

  /** Every finding's chunk in report order, and how many findings there are. */
  ordered(): { chunks: Chunk[]; count: number } {
    // A stable sort: groups of one file stay in the order they were added within their phase.
    const sorted = [...this.groups].sort((a, b) => compareText(a.file, b.file) || a.phase - b.phase);
    const chunks: Chunk[] = [];
    let count = 0;
    for (let i = 0; i < sorted.length; ) {
      let j = i + 1;
      while (j < sorted.length && compareText(sorted[j]!.file, sorted[i]!.file) === 0) j++;
      const same = sorted.slice(i, j);
      count += same.reduce((n, g) => n + g.count, 0);
      if (same.length === 1) chunks.push(same[0]!.chunk);
      else chunks.push(this.write(same.flatMap((g) => JSON.parse(`[${this.spill.read(g.chunk).slice(1)}]`) as Finding[]).sort(findingOrder)));
      i = j;
    }
    return { chunks, count };
  }

  private write(findings: Finding[]): Chunk {
    let text = '';
    for (const finding of findings) text += `,${JSON.stringify(finding)}`;
    return this.spill.append(text);
  }
}
