import type { ChartRef, FileResult } from '../model/file-result.js';
import type { Layer } from '../model/layers.js';
import type { FormatId } from '../model/occurrence.js';
import type { Chunk } from './spill.js';

/**
 * The files of a spilled scan, in the order they were added, held small (decision 41): most files
 * yield occurrences only, so for them only the name, the formats (one array per distinct list) and
 * where their occurrences are in the spill file are kept, in flat arrays. A file that yielded more
 * (mirrors, diagnostics, ...) keeps its result, without its occurrences; layers and charts are
 * one list each for the whole tree.
 */
export class SpilledFiles {
  readonly names: string[] = [];
  /** Every file's layers, in file order (the results below hold none). */
  readonly layers: Layer[] = [];
  /** Every file's charts, in file order, and the index of each one's file (the results below hold none). */
  readonly charts: ChartRef[] = [];
  private readonly chartFiles: number[] = [];
  private readonly formats: FormatId[][] = [];
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
  private readonly results: (FileResult | undefined)[] = [];
  private readonly formatLists = new Map<string, FormatId[]>();

  /** Whether a result has nothing but its file, formats and occurrences. */
  static plain(result: FileResult): boolean {
    const { file, formats, occurrences, charts, mirrors, repositories, diagnostics, registryHosts, layers, ...rest } = result;
    return charts.length === 0 && mirrors.length === 0 && repositories.length === 0 && diagnostics.length === 0 && !registryHosts?.length && !layers?.length && Object.keys(rest).length === 0 && !!file && !!formats && !!occurrences;
  }

  get length(): number {
    return this.names.length;
  }

  addPlain(file: string, formats: FormatId[], chunk: Chunk | undefined): void {
    const key = formats.join('\u0000');
    let shared = this.formatLists.get(key);
    if (!shared) this.formatLists.set(key, (shared = [...formats]));
    this.push(file, shared, chunk, undefined);
  }

  addLayers(layers: readonly Layer[]): void {
    for (const layer of layers) this.layers.push(layer);
  }

  /** The charts of the file added next. */
  addCharts(charts: readonly ChartRef[]): void {
    for (const chart of charts) {
      this.charts.push(chart);
      this.chartFiles.push(this.names.length);
    }
  }

  /** The charts of file `i`, in the order it yielded them. */
  chartsOf(i: number): ChartRef[] {
    const { chartFiles } = this;
    let low = 0;
    let high = chartFiles.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (chartFiles[mid]! < i) low = mid + 1;
      else high = mid;
    }
    let end = low;
    while (end < chartFiles.length && chartFiles[end] === i) end++;
    return this.charts.slice(low, end);
  }

  addKept(result: FileResult, chunk: Chunk | undefined): void {
    this.push(result.file, result.formats, chunk, result);
  }

  /** The file's result without occurrences: its own when kept, else a fresh one with empty lists. */
  result(i: number): FileResult {
    return this.results[i] ?? { file: this.names[i]!, formats: this.formats[i]!, occurrences: [], charts: [], mirrors: [], repositories: [], diagnostics: [] };
  }

  /** The results kept in full, in file order. */
  kept(): FileResult[] {
    return this.results.filter((r): r is FileResult => r !== undefined);
  }

  /** Keeps a plain file's result from now on (so what is added to it, a diagnostic, stays). */
  keep(i: number): FileResult {
    const result = this.result(i);
    this.results[i] = result;
    return result;
  }

  chunk(i: number): Chunk | undefined {
    const length = this.lengths[i]!;
    return length < 0 ? undefined : { offset: this.offsets[i]!, length };
  }

  formatsOf(i: number): FormatId[] {
    return this.formats[i]!;
  }

  private push(file: string, formats: FormatId[], chunk: Chunk | undefined, result: FileResult | undefined): void {
    this.names.push(file);
    this.formats.push(formats);
    this.offsets.push(chunk?.offset ?? 0);
    this.lengths.push(chunk?.length ?? -1);
    this.results.push(result);
  }
}
