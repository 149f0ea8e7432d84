import { chartDefaultImages } from '../charts/defaults.js';
import type { ChartFetcher } from '../charts/fetch.js';
import { chartChanges, type ChartChange } from '../charts/changes.js';
import type { Config } from '../config/schema.js';
import type { Resolver } from '../resolver/resolver.js';
import { runRules } from '../rules/run.js';
import type { Finding } from '../rules/types.js';
import type { Source } from '../sources/types.js';
import type { Resolution } from '../resolver/types.js';
import { contain, containAsync, internalError, reasonOf } from './contain.js';
import { resolveMirrors } from './mirror-check.js';
import { releaseOptions } from './release-options.js';
import { resolvableRuns, resolveInventory } from './resolve.js';
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
  /** Told as each unique reference is resolved (done of total), for a progress line. */
  onResolved?: (done: number, total: number) => void;
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
      const defaults = await containAsync({ file: '.', what: 'the charts this tree deploys' }, side.diagnostics, undefined, () => chartDefaultImages(side, options.charts!, read));
      if (!defaults) continue;
      side.occurrences.push(...defaults.occurrences);
      side.diagnostics.push(...defaults.diagnostics);
      if (defaults.notFollowed.length) side.notFollowed = [...(side.notFollowed ?? []), ...defaults.notFollowed];
      side.chartDefaults = defaults.origins;
    }
  }
  if (options.resolver) {
    const resolver = options.resolver;
    inventory.resolutions = await resolveContained(inventory, resolver, options.onResolved);
    // Mirror states and release options only add to what is said: a failure is a diagnostic, never a lost finding.
    inventory.mirrorResolutions = await containAsync({ file: '.', what: 'the mirror state of each public image' }, inventory.diagnostics, undefined, () => resolveMirrors(inventory, options.config, resolver));
    inventory.releaseOptions = await containAsync({ file: '.', what: 'the releases proposed as fixes' }, inventory.diagnostics, undefined, () => releaseOptions(inventory, base, options.config, resolver));
  }
  const findings = runRules({ inventory, base, config: options.config });
  if (!base) return { inventory, findings };
  if (!options.charts) return { inventory, base, findings };
  const changes = contain({ file: '.', what: 'which default images the chart version changes bring in' }, inventory.diagnostics, undefined, () => chartChanges(inventory, base));
  return changes ? { inventory, base, findings, chartChanges: changes } : { inventory, base, findings };
}

/**
 * The resolver's call site as a boundary: if resolving fails as a whole, every reference is
 * unresolved with the reason (so the rules say they could not check it), never silently resolved.
 */
async function resolveContained(inventory: Inventory, resolver: Resolver, onResolved?: (done: number, total: number) => void): Promise<Map<string, Resolution>> {
  try {
    return await resolveInventory(inventory, resolver, onResolved);
  } catch (err) {
    inventory.diagnostics.push(internalError({ file: '.', what: 'the image references against their registries' }, err));
    const message = `imagepin could not resolve references: ${reasonOf(err)}`;
    const unresolved = resolvableRuns(inventory.occurrences).map((o): [string, Resolution] => [o.reference.canonical, { reference: o.reference.canonical, status: 'unresolved', error: { kind: 'registry-error', message, retryable: true } }]);
    return new Map(unresolved);
  }
}
