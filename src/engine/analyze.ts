import { chartDefaultImages } from '../charts/defaults.js';
import type { ChartFetcher } from '../charts/fetch.js';
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
}

/** The pipeline: sources → extractors (and chart defaults) → resolver → rules. Shells (CLI, app) only choose the parts. */
export async function analyze(options: AnalyzeOptions): Promise<Analysis> {
  const [inventory, base] = await Promise.all([scanSource(options.head, options.scan), options.base ? scanSource(options.base, options.scan) : undefined]);
  if (options.charts) {
    const defaults = await chartDefaultImages(inventory, options.charts);
    inventory.occurrences.push(...defaults.occurrences);
    inventory.diagnostics.push(...defaults.diagnostics);
    inventory.chartDefaults = defaults.origins;
  }
  if (options.resolver) inventory.resolutions = await resolveInventory(inventory, options.resolver);
  const findings = runRules({ inventory, base, config: options.config });
  return base ? { inventory, base, findings } : { inventory, findings };
}
