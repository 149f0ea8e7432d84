import picomatch from 'picomatch';
import type { Config } from '../config/schema.js';
import type { Inventory } from '../engine/scan.js';
import { formatPath } from '../model/position.js';
import type { Occurrence } from '../model/occurrence.js';
import { RULES } from './api.js';
import { registryImageMatcher } from './mirrors.js';
import type { Draft, Finding, Rule, RuleContext, Severity } from './types.js';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** The severity a finding gets: off drops it; a configured severity replaces the rule's; a draft may only be milder. */
function severityOf(rule: Rule, draft: Draft, config: Config): Severity | undefined {
  const configured = config.rules[rule.id];
  if (configured === 'off') return undefined;
  if (configured) return configured;
  return draft.severity && RANK[draft.severity] < RANK[rule.severity] ? draft.severity : rule.severity;
}

/** Matches head occurrences to the base branch: same file and YAML path, else the same repository. */
function baseIndex(base: Inventory | undefined): (occ: Occurrence) => Occurrence | undefined {
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
}

/** Step 4 of the pipeline: every enabled rule over every occurrence, chart and mirror. Pure. */
export function runRules({ inventory, base, config }: RuleRun): Finding[] {
  const never = (): boolean => false;
  const ignorePath = config.ignore.paths.length ? picomatch(config.ignore.paths, { dot: true }) : never;
  const ignoreRef = config.ignore.references.length ? picomatch(config.ignore.references) : never;
  const ctx: RuleContext = { config, mirrors: inventory.mirrors, registryHosts: inventory.registryHosts ?? [], offline: inventory.resolutions === undefined, isRegistryImage: registryImageMatcher(config) };
  const findBase = baseIndex(base);
  const findings: Finding[] = [];
  const add = (rule: Rule, file: string, drafts: Draft | Draft[] | undefined, occ?: Occurrence): void => {
    for (const draft of [drafts ?? []].flat()) {
      const severity = severityOf(rule, draft, config);
      if (!severity || !draft.span) continue;
      const finding: Finding = { ruleId: rule.id, severity, file, span: draft.span, message: draft.message, fix: draft.fix };
      if (occ) finding.reference = occ.reference?.canonical ?? occ.raw;
      const resolution = occ?.reference ? inventory.resolutions?.get(occ.reference.canonical) : undefined;
      if (resolution?.digest) finding.resolved = `${resolution.version ? `${resolution.version}@` : ''}${resolution.digest}`;
      findings.push(finding);
    }
  };
  for (const occ of inventory.occurrences) {
    if (ignorePath(occ.file) || ignoreRef(occ.reference?.canonical ?? occ.raw) || ignoreRef(occ.raw)) continue;
    const resolution = occ.reference && !occ.skipReason ? inventory.resolutions?.get(occ.reference.canonical) : undefined;
    for (const rule of RULES) if (rule.occurrence) add(rule, occ.file, rule.occurrence({ occ, resolution, base: findBase(occ), ctx }), occ);
  }
  for (const chart of inventory.charts) {
    if (!ignorePath(chart.file)) for (const rule of RULES) if (rule.chart) add(rule, chart.file, rule.chart(chart, ctx));
  }
  for (const mirror of inventory.mirrors) {
    if (!ignorePath(mirror.file)) for (const rule of RULES) if (rule.mirror) add(rule, mirror.file, rule.mirror(mirror, ctx));
  }
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.span.start.offset - b.span.start.offset || RANK[b.severity] - RANK[a.severity]);
}

/** True when a finding is at or above the threshold. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}
