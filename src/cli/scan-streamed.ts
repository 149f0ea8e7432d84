import type { Config } from '../config/schema.js';
import { SpillFile } from '../engine/spill.js';
import { SpillingBuilder } from '../engine/spilled.js';
import { analyzeSpilled } from '../engine/streamed.js';
import { scanInto } from '../engine/scan.js';
import { spilledJsonChunks } from '../reporters/json.js';
import { atLeast } from '../rules/run.js';
import type { Severity } from '../rules/types.js';
import { LocalSource } from '../sources/local.js';
import type { Io } from './main.js';

/**
 * `imagepin scan PATH --offline --format json` without holding the tree's occurrences and findings
 * (decision 41): each file's occurrences go to a temporary spill file as they are extracted, each
 * file is then completed and checked in turn, and the report is copied out of the spill file. The
 * output is the in-memory path's, byte for byte. The spill file is removed however the scan ends.
 */
export async function streamedScan(path: string, config: Config, failOn: Severity | undefined, io: Io): Promise<number> {
  const spill = new SpillFile();
  try {
    const source = new LocalSource(path);
    const spilled = await scanInto(source, { templateExtensions: config.templateExtensions }, new SpillingBuilder(source.name, spill));
    const analysis = analyzeSpilled(spilled, config);
    for (const chunk of spilledJsonChunks(analysis, spill)) io.stdout(chunk);
    // A check that could not run (an imagepin bug on one unit) may have hidden a finding: with --fail-on, that fails too.
    const incomplete = analysis.head.diagnostics.some((d) => d.code === 'internal-error');
    return failOn && (incomplete || [...analysis.severities].some((s) => atLeast(s, failOn))) ? 1 : 0;
  } finally {
    spill.close();
  }
}
