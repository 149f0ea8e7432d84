import type { Diagnostic, FileResult } from '../model/file-result.js';
import type { Layer } from '../model/layers.js';
import type { Occurrence } from '../model/occurrence.js';
import { Compactor } from './compact.js';
import type { GitTree } from './effective/git-files.js';
import type { Collector } from './scan.js';
import type { Chunk, SpillFile } from './spill.js';
import { SpilledFiles } from './spilled-files.js';

/** The keys under which a layer holds a YAML path (src/model/layers.ts). */
const LAYER_PATHS: ReadonlySet<string> = new Set(['path', 'base', 'pointer']);

/** A scanned tree whose occurrences wait in a spill file, file by file, in the order they were found. */
export interface SpilledTree {
  source: string;
  files: SpilledFiles;
  /** Files that could not be read. */
  failed: Diagnostic[];
  tree?: GitTree;
  spill: SpillFile;
  /** `file|reference` of the occurrences whose file is not the file they were found in (usually none). */
  strays: Set<string>;
}

/**
 * Collects a scan for the streamed CLI path (decision 41): each file's occurrences are written to
 * the spill file as JSON as soon as the file is extracted; what the effective pass and the rules
 * need of the whole tree (layers, charts, mirrors, registry hosts, diagnostics) stays in memory,
 * made compact as for the in-memory inventory. A file that yielded nothing else is kept as its
 * name, formats and chunk only.
 */
export class SpillingBuilder implements Collector<SpilledTree> {
  private readonly files = new SpilledFiles();
  private readonly failed: Diagnostic[] = [];
  private readonly strays = new Set<string>();
  private readonly compactor = new Compactor();

  constructor(private readonly source: string, private readonly spill: SpillFile) {}

  readFailed(diagnostic: Diagnostic): void {
    this.failed.push(diagnostic);
  }

  add(whole: FileResult): void {
    // Layers are held apart, in one list for the tree (most files yield one: a result kept for it cost more than the layer); charts alike.
    const { layers, ...result } = whole;
    const { occurrences } = result;
    for (const occ of occurrences) if (occ.file !== result.file) this.strays.add(strayKey(occ));
    const chunk = occurrences.length > 0 ? this.spill.append(JSON.stringify(occurrences)) : undefined;
    const file = this.compactor.string(result.file);
    if (layers?.length) {
      // Kept for the whole scan: their strings must not keep the file's text alive, and equal YAML paths are one array.
      this.compactor.plain(layers, LAYER_PATHS);
      this.files.addLayers(layers);
    }
    if (SpilledFiles.plain({ ...result, charts: [] })) {
      // Charts too are one list (a HelmRelease or Application yields one); they are compacted as a kept result's are.
      if (result.charts.length > 0) this.files.addCharts(this.compactor.file({ ...result, file, occurrences: [] }).charts);
      this.files.addPlain(file, result.formats, chunk);
      return;
    }
    const kept = this.compactor.file({ ...result, file, occurrences: [] });
    this.files.addCharts(kept.charts);
    this.files.addKept({ ...kept, charts: [] }, chunk);
  }

  layers(): Layer[] {
    return this.files.layers;
  }

  done(tree?: GitTree): SpilledTree {
    return { source: this.source, files: this.files, failed: this.failed, spill: this.spill, strays: this.strays, ...(tree && { tree }) };
  }
}

export function strayKey(occ: Pick<Occurrence, 'file' | 'reference'>): string {
  return `${occ.file}|${occ.reference?.canonical ?? ''}`;
}

/** A chunk's occurrences, read back from the spill file. */
export function readOccurrences(spill: SpillFile, chunk: Chunk | undefined): Occurrence[] {
  return chunk ? (JSON.parse(spill.read(chunk)) as Occurrence[]) : [];
}
