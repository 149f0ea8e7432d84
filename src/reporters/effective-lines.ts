import { posix } from 'node:path';
import type { Effective, EffectiveContext, Occurrence } from '../model/occurrence.js';
import type { Finding } from '../rules/types.js';

/**
 * What actually runs, for the comment and the annotations: one short line per context whose
 * effective reference differs from what is written (docs/json-output.md, *Effective references*).
 * They state a fact about what runs; the rules check each of those runs too (decision 0023), and
 * a finding about one ends with the same line.
 */

/** How a line names a place: a Markdown link or a plain `file:line`. */
export type Place = (file: string, line?: number) => string;
/** How a line writes a reference or a context name: a code span, or as is. */
export type Literal = (text: string) => string;

const KIND: Record<EffectiveContext['kind'], string> = {
  'kustomization': 'overlay',
  'flux-kustomization': 'Flux Kustomization',
  'argocd-application': 'Argo CD Application',
  'applicationset-element': 'ApplicationSet',
  'flux-helm-release': 'HelmRelease',
};

function contextName(ctx: EffectiveContext, literal: Literal): string {
  // An overlay is named by its folder (`overlays/prod`); the others by their name, else their file.
  const name = ctx.kind === 'kustomization' ? posix.dirname(ctx.file) : (ctx.name ?? ctx.file);
  const element = ctx.element !== undefined ? ` element ${ctx.element}` : '';
  return `${KIND[ctx.kind]} ${literal(name)}${element}`;
}

/** `Runs as `x` in overlay `overlays/prod` (set by overlays/prod/kustomization.yaml:7).`, or why it cannot be told. */
export function effectiveLine(e: Effective, place: Place, literal: Literal): string {
  const context = e.for ? contextName(e.for, literal) : undefined;
  // With nothing that decided, the context's own file is where to look.
  const file = e.for && e.for.kind !== 'kustomization' ? ` (${place(e.for.file)})` : '';
  if (e.unknown) return `${context ? `In ${context}${file}, ` : ''}imagepin could not tell what runs${context ? '' : ' here'}: ${e.unknown.replace(/\s+/g, ' ').replace(/\.$/, '')}.`;
  const from = [...new Map(e.provenance.map((p) => [`${p.file}:${p.line ?? ''}`, p])).values()].map((p) => place(p.file, p.line));
  return `Runs as ${literal(e.reference?.canonical ?? e.raw)}${context ? ` in ${context}` : ''}${from.length ? ` (set by ${from.join(', ')})` : ''}.`;
}

/** Occurrences by file, so that finding each finding's occurrences does not scan the whole tree. */
export type OccurrencesByFile = Map<string, Occurrence[]>;

export function byFile(occurrences: Occurrence[]): OccurrencesByFile {
  const map: OccurrencesByFile = new Map();
  for (const o of occurrences) {
    const list = map.get(o.file);
    if (list) list.push(o);
    else map.set(o.file, [o]);
  }
  return map;
}

/** The occurrences a finding is about: same file, a part on the finding's line, the same reference (a templated one has only its raw text). */
export function occurrencesOf(finding: Finding, occurrences: OccurrencesByFile): Occurrence[] {
  const line = finding.span.start.line;
  return (occurrences.get(finding.file) ?? []).filter((o) => (finding.reference === undefined || (o.reference?.canonical ?? o.raw) === finding.reference)
    && Object.values(o.parts).some((p) => p && p.span.start.line <= line && line <= p.span.end.line));
}

/** The effective entries of the occurrences behind some findings, each context once. */
export function effectiveOf(findings: Finding[], occurrences: OccurrencesByFile): Effective[] {
  const seen = new Map<string, Effective>();
  for (const f of findings) {
    for (const o of occurrencesOf(f, occurrences)) {
      for (const e of o.effective ?? []) seen.set(JSON.stringify([e.for, e.raw, e.unknown]), e);
    }
  }
  return [...seen.values()];
}

/** Up to `max` lines, then how many contexts are left out and where they are listed. */
export function effectiveLines(entries: Effective[], place: Place, literal: Literal, max: number): string[] {
  const lines = entries.slice(0, max).map((e) => effectiveLine(e, place, literal));
  if (entries.length > max) lines.push(`…and ${entries.length - max} more contexts that run it differently: ${literal('imagepin scan --format json')} lists them.`);
  return lines;
}
