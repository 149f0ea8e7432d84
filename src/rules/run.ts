import picomatch from 'picomatch';
import type { Config } from '../config/schema.js';
import { contain, internalError, type Unit } from '../engine/contain.js';
import type { Inventory } from '../engine/scan.js';
import { formatPath, type Span } from '../model/position.js';
import type { Occurrence } from '../model/occurrence.js';
import { RULES } from './api.js';
import { occurrenceLines } from '../model/occurrence-lines.js';
import { registryImageMatcher } from './mirrors.js';
import { baseRun, checkedWhereDecided, provenanceLine, runsOf, unknownRuns } from './effective-runs.js';
import type { Draft, Finding, FindingEffective, Rule, RuleContext, Severity } from './types.js';
import type { Effective } from '../model/occurrence.js';
import { compareText } from '../text-order.js';

function effectiveOfFinding(e: Effective): FindingEffective {
  const out: FindingEffective = { reference: e.reference?.canonical ?? e.raw, provenance: e.provenance };
  if (e.for) out.for = e.for;
  if (e.unknown) out.unknown = e.unknown;
  return out;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const ZERO: Span = { start: { line: 1, col: 1, offset: 0 }, end: { line: 1, col: 1, offset: 0 } };

/** The severity a finding gets: off drops it; a configured severity replaces the rule's; a draft may only be milder. */
function severityOf(rule: Rule, draft: Draft, config: Config): Severity | undefined {
  const configured = config.rules[rule.id];
  if (configured === 'off') return undefined;
  if (configured) return configured;
  return draft.severity && RANK[draft.severity] < RANK[rule.severity] ? draft.severity : rule.severity;
}

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

/** What is wrong with a value a rule returned, if anything: a bad value is contained like a throw. */
function malformed(draft: unknown): string | undefined {
  if (!draft || typeof draft !== 'object') return `it returned ${draft === null ? 'null' : typeof draft} instead of a finding`;
  const { message, fix } = draft as Partial<Draft>;
  return typeof message === 'string' && typeof fix === 'string' ? undefined : 'it returned a finding without a message or fix';
}

/** A span every reporter can show: ordered, numeric positions. */
function validSpan(span: unknown): span is Span {
  const s = span as Span | undefined;
  const ok = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  return !!s && typeof s === 'object' && [s.start, s.end].every((p) => !!p && ok(p.offset) && ok(p.line) && ok(p.col)) && s.start.offset <= s.end.offset;
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
export function runRules({ inventory, base, config, rules = RULES }: RuleRun): Finding[] {
  const never = (): boolean => false;
  const ignorePath = config.ignore.paths.length ? picomatch(config.ignore.paths, { dot: true }) : never;
  const ignoreRef = config.ignore.references.length ? picomatch(config.ignore.references) : never;
  const ctx: RuleContext = { config, mirrors: inventory.mirrors, registryHosts: inventory.registryHosts ?? [], offline: inventory.resolutions === undefined, isRegistryImage: registryImageMatcher(config) };
  const findBase = baseIndex(base);
  const findings: Finding[] = [];
  // One flat string per distinct message (issue 17): a message built from template parts is a tree
  // of concatenations, several times its length in memory, held until the report is written.
  const texts = new Map<string, string>();
  const text = (value: string): string => texts.get(value) ?? (texts.set(value, value), value);
  const add = (rule: Rule, unit: Unit, at: Span, call: () => Draft | Draft[] | undefined, occ?: Occurrence, effective?: Effective): void => {
    const drafts = contain({ ...unit, what: `rule ${rule.id} on ${unit.what}` }, inventory.diagnostics, undefined, call);
    for (const draft of [drafts ?? []].flat()) {
      const problem = malformed(draft);
      if (problem) {
        inventory.diagnostics.push(internalError({ ...unit, what: `rule ${rule.id} on ${unit.what}` }, problem));
        continue;
      }
      const severity = severityOf(rule, draft, config);
      if (!severity) continue;
      // A finding without a usable position is still a finding: it points at its unit instead.
      const span = validSpan(draft.span) ? draft.span : at;
      // A run of an effective entry is reported at the base line, with what runs and who decided it.
      const message = text(effective && !effective.unknown ? `${draft.message} ${provenanceLine(effective)}` : draft.message);
      const finding: Finding = { ruleId: rule.id, severity, file: unit.file, span, message, fix: draft.fix };
      if (effective) finding.effective = effectiveOfFinding(effective);
      if (occ) {
        finding.reference = occ.reference?.canonical ?? occ.raw;
        finding.lines = occurrenceLines(occ);
      }
      const resolution = occ?.reference ? inventory.resolutions?.get(occ.reference.canonical) : undefined;
      if (resolution?.digest) finding.resolved = `${resolution.version ? `${resolution.version}@` : ''}${resolution.digest}`;
      findings.push(finding);
    }
  };
  const checked = checkedWhereDecided(inventory.occurrences);
  for (const occ of inventory.occurrences) {
    if (ignorePath(occ.file) || ignoreRef(occ.reference?.canonical ?? occ.raw) || ignoreRef(occ.raw)) continue;
    const at = (occ.parts.tag ?? occ.parts.image ?? occ.parts.repository ?? Object.values(occ.parts)[0])?.span ?? ZERO;
    const unit: Unit = { file: occ.file, document: occ.document, line: at.start.line, what: occ.reference?.canonical ?? occ.raw };
    for (const run of runsOf(occ, checked)) {
      const r = run.occ;
      const resolution = r.reference && !r.skipReason ? inventory.resolutions?.get(r.reference.canonical) : undefined;
      const mirror = r.reference && !r.skipReason ? inventory.mirrorResolutions?.get(r.reference.canonical) : undefined;
      const releases = run.effective ? undefined : inventory.releaseOptions?.get(occ);
      const runBase = run.effective ? baseRun(findBase(occ), run.effective) : findBase(occ);
      for (const rule of rules) if (rule.occurrence) add(rule, unit, at, () => rule.occurrence!({ occ: r, resolution, base: runBase, ctx, releases, mirror }), r, run.effective);
    }
    // An effective reference that cannot be told is said, never passed over as if it were checked.
    const unresolved = rules.find((rule) => rule.id === 'unresolved-reference');
    for (const e of unresolved ? unknownRuns(occ) : []) {
      const message = `What runs in \`${e.for?.file}\` was not checked: ${(e.unknown ?? 'its reference is not known').replace(/\s+/g, ' ').replace(/\.$/, '')}.`;
      add(unresolved!, unit, at, () => ({ message, fix: 'Keep what decides the image in the repository (the values, ConfigMap or overlay), or pin the reference where it is written.', span: at }), occ, e);
    }
  }
  for (const chart of inventory.charts) {
    const unit: Unit = { file: chart.file, document: chart.document, line: chart.span.start.line, what: `chart ${chart.chart ?? chart.repoURL ?? formatPath(chart.path)}` };
    if (!ignorePath(chart.file)) for (const rule of rules) if (rule.chart) add(rule, unit, chart.span, () => rule.chart!(chart, ctx));
  }
  for (const mirror of inventory.mirrors) {
    const unit: Unit = { file: mirror.file, line: mirror.span.start.line, what: `the mirror config for ${mirror.host}` };
    if (!ignorePath(mirror.file)) for (const rule of rules) if (rule.mirror) add(rule, unit, mirror.span, () => rule.mirror!(mirror, ctx));
  }
  return findings.sort((a, b) => compareText(a.file, b.file) || a.span.start.offset - b.span.start.offset || RANK[b.severity] - RANK[a.severity]);
}

/** True when a finding is at or above the threshold. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] >= RANK[threshold];
}
