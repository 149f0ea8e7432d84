import { chartDefaultImages } from '../charts/defaults.js';
import type { ChartFetcher } from '../charts/fetch.js';
import { chartChanges, type ChartChange } from '../charts/changes.js';
import type { Config } from '../config/schema.js';
import type { Resolver } from '../resolver/resolver.js';
import { runRules } from '../rules/run.js';
import type { Finding } from '../rules/types.js';
import type { Source } from '../sources/types.js';
import { resolveInventory } from './resolve.js';
import { scanSource, type Inventory, type ScanOptions } from './scan.js';

export interface AnalyzeOptions {
  head: Source;
  /** The base branch, for the comparison rules (stateful-major-change). */
  base?: Source;
  config: Config;
  /** Omitted: offline, nothing is resolved. */
  resolver?: Resolver;
  /** Fetches the charts the tree deploys, to check the images their defaults bring in. */
  charts?: ChartFetcher;
  scan?: ScanOptions;
}

export interface Analysis {
  inventory: Inventory;
  base?: Inventory;
  findings: Finding[];
  /** Default images that change because the PR changes a chart version. */
  chartChanges?: ChartChange[];
}

/** The pipeline: sources → extractors (and chart defaults) → resolver → rules. Shells (CLI, app) only choose the parts. */
export async function analyze(options: AnalyzeOptions): Promise<Analysis> {
  const scan: ScanOptions = { templateExtensions: options.config.templateExtensions, ...options.scan };
  const [inventory, base] = await Promise.all([scanSource(options.head, scan), options.base ? scanSource(options.base, scan) : undefined]);
  if (options.charts) {
    const sides: [Inventory, Source][] = base && options.base ? [[inventory, options.head], [base, options.base]] : [[inventory, options.head]];
    for (const [side, source] of sides) {
      const read = async (path: string): Promise<string | undefined> => {
        try {
          return Buffer.from(await source.read(path)).toString('utf8');
        } catch {
          return undefined;
        }
      };
      const defaults = await chartDefaultImages(side, options.charts, read);
      side.occurrences.push(...defaults.occurrences);
      side.diagnostics.push(...defaults.diagnostics);
      side.chartDefaults = defaults.origins;
    }
  }
  if (options.resolver) inventory.resolutions = await resolveInventory(inventory, options.resolver);
  const findings = runRules({ inventory, base, config: options.config });
  if (!base) return { inventory, findings };
  return options.charts ? { inventory, base, findings, chartChanges: chartChanges(inventory, base) } : { inventory, base, findings };
}
