import picomatch from 'picomatch';
import type { Config } from '../config/schema.js';
import { internalError, type Unit } from '../engine/contain.js';
import type { Inventory } from '../engine/scan.js';
import type { ChartRef, Diagnostic, MirrorConfig } from '../model/file-result.js';
import { formatPath, type Span } from '../model/position.js';
import type { Effective, Occurrence } from '../model/occurrence.js';
import { occurrenceLines } from '../model/occurrence-lines.js';
import { RULES } from './api.js';
import { registryImageMatcher } from './mirrors.js';
import { baseRun, provenanceLine, runsOf, unknownRuns, type CheckedWhereDecided } from './effective-runs.js';
import type { RetagIndex } from './retag-policies.js';
import type { Draft, Finding, FindingEffective, OccurrenceInput, Rule, RuleContext, Severity } from './types.js';
import { compareText } from '../text-order.js';

export const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
const ZERO: Span = { start: { line: 1, col: 1, offset: 0 }, end: { line: 1, col: 1, offset: 0 } };

/** The order of the findings of a run: by file, then position, the most severe first (a stable sort keeps the rest as found). */
export function findingOrder(a: Finding, b: Finding): number {
  return compareText(a.file, b.file) || a.span.start.offset - b.span.start.offset || RANK[b.severity] - RANK[a.severity];
}

/** No drafts: one empty list for every rule that found nothing. */
const NONE: readonly Draft[] = [];

/** The unit of one rule's run, as a diagnostic names it. */
function ruleUnit(rule: Rule, unit: Unit): Unit {
  return { ...unit, what: `rule ${rule.id} on ${unit.what}` };
}

function effectiveOfFinding(e: Effective): FindingEffective {
  const out: FindingEffective = { reference: e.reference?.canonical ?? e.raw, provenance: e.provenance };
  if (e.for) out.for = e.for;
  if (e.unknown) out.unknown = e.unknown;
  return out;
}

/** The severity a finding gets: off drops it; a configured severity replaces the rule's; a draft may only be milder. */
function severityOf(rule: Rule, draft: Draft, config: Config): Severity | undefined {
  const configured = config.rules[rule.id];
  if (configured === 'off') return undefined;
  if (configured) return configured;
  return draft.severity && RANK[draft.severity] < RANK[rule.severity] ? draft.severity : rule.severity;
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

/** What the rules see of the whole tree: the mirrors, the registry's hosts and what the registries said. */
export type RuleScope = Pick<Inventory, 'mirrors' | 'registryHosts' | 'resolutions' | 'mirrorResolutions' | 'releaseOptions'>;

export interface RunnerOptions {
  config: Config;
  checked: CheckedWhereDecided;
  findBase?: (occ: Occurrence) => Occurrence | undefined;
  rules?: readonly Rule[];
  /** Findings are written out as each file is checked (the streamed scan): no message is kept, so none is shared. */
  written?: boolean;
  /** The containers each overlay `images:` entry retags, with their pull policies (pull-policy-skew). */
  retags?: RetagIndex;
}

/**
 * The rules over one unit at a time (an occurrence, a chart, a mirror), so a scan can check a
 * file as it is read back (decision 41). A rule that throws or returns a bad value on one unit adds
 * an internal-error diagnostic for that unit, and every other rule and unit is still checked.
 */
export class RuleRunner {
  private readonly ctx: RuleContext;
  private readonly ignorePath: (path: string) => boolean;
  private readonly ignoreRef: (ref: string) => boolean;
  private readonly rules: readonly Rule[];
  // One flat string per distinct message (issue 17): a message built from template parts is a tree
  // of concatenations, several times its length in memory, held until the report is written.
  private readonly texts = new Map<string, string>();

  constructor(private readonly scope: RuleScope, private readonly options: RunnerOptions) {
    const { config } = options;
    const never = (): boolean => false;
    this.ignorePath = config.ignore.paths.length ? picomatch(config.ignore.paths, { dot: true }) : never;
    this.ignoreRef = config.ignore.references.length ? picomatch(config.ignore.references) : never;
    this.rules = options.rules ?? RULES;
    this.ctx = { config, mirrors: scope.mirrors, registryHosts: scope.registryHosts ?? [], offline: scope.resolutions === undefined, isRegistryImage: registryImageMatcher(config) };
  }

  /** Every rule over one occurrence, once per way it runs. */
  occurrence(occ: Occurrence, findings: Finding[], diagnostics: Diagnostic[]): void {
    const { scope, rules, ctx } = this;
    if (this.ignorePath(occ.file) || this.ignoreRef(occ.reference?.canonical ?? occ.raw) || this.ignoreRef(occ.raw)) return;
    const findBase = this.options.findBase ?? ((): undefined => undefined);
    const at = (occ.parts.tag ?? occ.parts.image ?? occ.parts.repository ?? Object.values(occ.parts)[0])?.span ?? ZERO;
    const unit: Unit = { file: occ.file, document: occ.document, line: at.start.line, what: occ.reference?.canonical ?? occ.raw };
    for (const run of runsOf(occ, this.options.checked)) {
      const r = run.occ;
      const resolution = r.reference && !r.skipReason ? scope.resolutions?.get(r.reference.canonical) : undefined;
      const mirror = r.reference && !r.skipReason ? scope.mirrorResolutions?.get(r.reference.canonical) : undefined;
      const releases = run.effective ? undefined : scope.releaseOptions?.get(occ);
      const runBase = run.effective ? baseRun(findBase(occ), run.effective) : findBase(occ);
      // Asked only by a rule that reads `retagged`, inside its containment: a streamed scan reads the retagged files back then.
      let asked = false;
      let retags: OccurrenceInput['retagged'];
      const retagsOf = (): OccurrenceInput['retagged'] => {
        if (!asked) retags = !run.effective && r.reference ? this.options.retags?.(r.file, r.reference.canonical) : undefined;
        asked = true;
        return retags;
      };
      for (const rule of rules) {
        if (!rule.occurrence) continue;
        this.add(findings, diagnostics, rule, unit, at, () => rule.occurrence!({ occ: r, resolution, base: runBase, ctx, releases, mirror, get retagged() { return retagsOf(); } }), r, run.effective);
      }
    }
    // An effective reference that cannot be told is said, never passed over as if it were checked.
    const unresolved = rules.find((rule) => rule.id === 'unresolved-reference');
    for (const e of unresolved ? unknownRuns(occ) : []) {
      const message = `What runs in \`${e.for?.file}\` was not checked: ${(e.unknown ?? 'its reference is not known').replace(/\s+/g, ' ').replace(/\.$/, '')}.`;
      this.add(findings, diagnostics, unresolved!, unit, at, () => ({ message, fix: 'Keep what decides the image in the repository (the values, ConfigMap or overlay), or pin the reference where it is written.', span: at }), occ, e);
    }
  }

  chart(chart: ChartRef, findings: Finding[], diagnostics: Diagnostic[]): void {
    const unit: Unit = { file: chart.file, document: chart.document, line: chart.span.start.line, what: `chart ${chart.chart ?? chart.repoURL ?? formatPath(chart.path)}` };
    if (!this.ignorePath(chart.file)) for (const rule of this.rules) if (rule.chart) this.add(findings, diagnostics, rule, unit, chart.span, () => rule.chart!(chart, this.ctx));
  }

  mirror(mirror: MirrorConfig, findings: Finding[], diagnostics: Diagnostic[]): void {
    const unit: Unit = { file: mirror.file, line: mirror.span.start.line, what: `the mirror config for ${mirror.host}` };
    if (!this.ignorePath(mirror.file)) for (const rule of this.rules) if (rule.mirror) this.add(findings, diagnostics, rule, unit, mirror.span, () => rule.mirror!(mirror, this.ctx));
  }

  private add(findings: Finding[], diagnostics: Diagnostic[], rule: Rule, unit: Unit, at: Span, call: () => Draft | Draft[] | undefined, occ?: Occurrence, effective?: Effective): void {
    const { config } = this.options;
    // `contain`, with the unit's name built only when the rule throws: this runs for every rule on every occurrence.
    let drafts: Draft | Draft[] | undefined;
    try {
      drafts = call();
    } catch (err) {
      diagnostics.push(internalError(ruleUnit(rule, unit), err));
    }
    // What `[drafts ?? []].flat()` gives, without its arrays where a rule found nothing or one thing.
    const list = drafts === undefined ? NONE : Array.isArray(drafts) ? drafts.flat(0) : [drafts];
    for (const draft of list) {
      const problem = malformed(draft);
      if (problem) {
        diagnostics.push(internalError(ruleUnit(rule, unit), problem));
        continue;
      }
      const severity = severityOf(rule, draft, config);
      if (!severity) continue;
      // A finding without a usable position is still a finding: it points at its unit instead.
      const span = validSpan(draft.span) ? draft.span : at;
      // A run of an effective entry is reported at the base line, with what runs and who decided it.
      const message = this.text(effective && !effective.unknown ? `${draft.message} ${provenanceLine(effective)}` : draft.message);
      const finding: Finding = { ruleId: rule.id, severity, file: unit.file, span, message, fix: draft.fix };
      if (effective) finding.effective = effectiveOfFinding(effective);
      if (occ) {
        finding.reference = occ.reference?.canonical ?? occ.raw;
        finding.lines = occurrenceLines(occ);
      }
      const resolution = occ?.reference ? this.scope.resolutions?.get(occ.reference.canonical) : undefined;
      if (resolution?.digest) finding.resolved = `${resolution.version ? `${resolution.version}@` : ''}${resolution.digest}`;
      findings.push(finding);
    }
  }

  private text(value: string): string {
    if (this.options.written) return value;
    const known = this.texts.get(value);
    if (known !== undefined) return known;
    this.texts.set(value, value);
    return value;
  }
}
