import type { Config } from '../config/schema.js';
import type { Inventory } from '../engine/scan.js';
import { formatPath } from '../model/position.js';
import type { Occurrence } from '../model/occurrence.js';
import { checkedWhereDecided } from './effective-runs.js';
import { retagIndex } from './retag-policies.js';
import { findingOrder, RANK, RuleRunner } from './runner.js';
import type { Finding, Rule, Severity } from './types.js';

/** Matches head occurrences to the base branch: same file and YAML path, else the same repository. */
export function baseIndex(base: Inventory | undefined): (occ: Occurrence) => Occurrence | undefined {
  if (!base) return () => undefined;
  const byPath = new Map<string, Occurrence>();
  const byRepo = new Map<string, Occurrence>();
  for (const occ of base.occurrences) {
    byPath.set(`${occ.file}|${occ.document}|${formatPath(occ.path)}`, occ);
    if (occ.reference) byRepo.set(`${occ.reference.registry}/${occ.reference.repository}`, occ);
  }
  return (occ) => byPath.get(`${occ.file}|${occ.document}|${formatPath(occ.path)}`) ?? (occ.reference && byRepo.get(`${occ.reference.registry}/${occ.reference.repository}`));
}

export interface RuleRun {
  inventory: Inventory;
  base?: Inventory;
  config: Config;
  /** The rules to run; all of them unless a test gives its own. */
  rules?: readonly Rule[];
}

/**
 * Step 4 of the pipeline: every enabled rule over every occurrence, chart and mirror. Pure except
 * for its boundary: a rule that throws or returns a bad value on one unit adds an internal-error
 * diagnostic for that unit to the inventory, and every other rule and unit is still checked.
 */
export function runRules({ inventory, base, config, rules }: RuleRun): Finding[] {
  const runner = new RuleRunner(inventory, { config, checked: checkedWhereDecided(inventory.occurrences), retags: retagIndex(inventory.occurrences), findBase: baseIndex(base), ...(rules && { rules }) });
  const findings: Finding[] = [];
  const { diagnostics } = inventory;
  for (const occ of inventory.occurrences) runner.occurrence(occ, findings, diagnostics);
  for (const chart of inventory.charts) runner.chart(chart, findings, diagnostics);
  for (const mirror of inventory.mirrors) runner.mirror(mirror, findings, diagnostics);
  return findings.sort(findingOrder);
}

/** True when a finding is at or above the threshold. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}
