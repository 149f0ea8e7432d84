import { findingOrder } from '../rules/runner.js';
import type { Finding, Severity } from '../rules/types.js';
import { compareText } from '../text-order.js';
import { ChunkList } from './chunk-list.js';
import type { Chunk, SpillFile } from './spill.js';

/**
 * Findings written to the spill file as each file is checked, and put in the order `runRules`
 * gives (decision 41): by file, then position, the most severe first, and otherwise in the order
 * they were found, where every occurrence of the tree comes before every chart and every mirror.
 * A file's findings are sorted when written; only when one file has more than one group (a chart
 * or mirror finding beside its occurrences' findings) are they read back and merged.
 */
export class FindingSpill {
  // One group per file and kind of unit (0 occurrences, 1 charts, 2 mirrors): its file, kind, how
  // many findings and where they are, in flat arrays (one object per group cost ~100 bytes per file).
  private readonly files: string[] = [];
  private readonly phases: number[] = [];
  private readonly counts: number[] = [];
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
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
    for (const [file, list] of byFile) {
      const chunk = this.write(list.sort(findingOrder));
      this.files.push(file);
      this.phases.push(phase);
      this.counts.push(list.length);
      this.offsets.push(chunk.offset);
      this.lengths.push(chunk.length);
    }
  }

  /** Every finding's chunk in report order, and how many findings there are. */
  ordered(): { chunks: ChunkList; count: number } {
    const { files, phases } = this;
    // A stable sort: groups of one file stay in the order they were added within their phase.
    const sorted = Array.from(files.keys()).sort((a, b) => compareText(files[a]!, files[b]!) || phases[a]! - phases[b]!);
    const chunks = new ChunkList();
    let count = 0;
    for (let i = 0; i < sorted.length; ) {
      let j = i + 1;
      while (j < sorted.length && compareText(files[sorted[j]!]!, files[sorted[i]!]!) === 0) j++;
      const same = sorted.slice(i, j);
      for (const g of same) count += this.counts[g]!;
      if (same.length === 1) chunks.push(this.chunk(same[0]!));
      else chunks.push(this.write(same.flatMap((g) => JSON.parse(`[${this.spill.read(this.chunk(g)).slice(1)}]`) as Finding[]).sort(findingOrder)));
      i = j;
    }
    return { chunks, count };
  }

  private chunk(group: number): Chunk {
    return { offset: this.offsets[group]!, length: this.lengths[group]! };
  }

  private write(findings: Finding[]): Chunk {
    let text = '';
    for (const finding of findings) text += `,${JSON.stringify(finding)}`;
    return this.spill.append(text);
  }
}
