import type { Effective, Occurrence } from '../model/occurrence.js';
import type { ImageReference } from '../model/reference.js';
import { effectiveLine } from '../reporters/effective-lines.js';

/**
 * Each way an occurrence runs, for the rules (docs/decisions/0023-rules-check-effective-references.md):
 * the reference as written, unless every kustomization that builds its file rewrites it
 * (`decidedElsewhere`), and one run per effective entry with a known reference that differs from
 * the written one. A run of an effective entry is the base occurrence (its file, line and pull
 * policy: what is deployed) with the effective reference in place of the written one.
 */
export interface Run {
  occ: Occurrence;
  /** Set for a run of an effective entry: which context decided it. */
  effective?: Effective;
}

/** The occurrence as it runs in one context: same place, the effective reference. */
function asRun(occ: Occurrence, e: Effective & { reference: ImageReference }): Occurrence {
  // The numeric-tag fact is about the tag as written; the effective tag came from elsewhere.
  const run: Occurrence = { ...occ, raw: e.raw, reference: e.reference };
  for (const key of ['numericTag', 'effective', 'decidedElsewhere', 'skipReason', 'skipDetail'] as const) delete run[key];
  return run;
}

function known(e: Effective): e is Effective & { reference: ImageReference } {
  return e.reference !== undefined && e.unknown === undefined;
}

/** Whether the file that decides holds the effective reference as an occurrence of its own (an overlay's `images:` entry, a patch's image). */
export type CheckedWhereDecided = (e: Effective & { reference: ImageReference }) => boolean;

/** The occurrences of the tree by `file|reference`, so a run the deciding file's own entry already checks is not reported twice. */
const DECIDING = new Set(['kustomize-images', 'flux-images', 'kustomize-patch', 'flux-patch']);

export function checkedWhereDecided(occurrences: Occurrence[]): CheckedWhereDecided {
  const own = new Set(occurrences.map((o) => `${o.file}|${o.reference?.canonical ?? ''}`));
  return checkedBy((file, canonical) => own.has(`${file}|${canonical}`));
}

/** The same check over any record of which file holds which reference (a streamed scan reads a deciding file's back when asked). */
export function checkedBy(holds: (file: string, canonical: string) => boolean): CheckedWhereDecided {
  return (e) => e.provenance.some((p) => DECIDING.has(p.kind) && holds(p.file, e.reference.canonical));
}

export function runsOf(occ: Occurrence, checked: CheckedWhereDecided = () => false): Run[] {
  const runs: Run[] = occ.decidedElsewhere ? [] : [{ occ }];
  const seen = new Set<string>();
  for (const e of occ.effective ?? []) {
    // A chart's appVersion (no context) completes the written reference wherever it runs; it is
    // shown by the reporters and left to the as-written run here (0023, *Not yet*).
    if (!e.for || !known(e)) continue;
    if (!occ.decidedElsewhere && e.reference.canonical === occ.reference?.canonical) continue;
    // The overlay's entry is checked (and pinned) where it is written; the base line would only repeat it.
    if (checked(e)) continue;
    const key = `${e.for.kind}|${e.for.file}|${e.for.name ?? ''}|${e.for.element ?? ''}|${e.reference.canonical}`;
    if (seen.has(key)) continue;
    seen.add(key);
    runs.push({ occ: asRun(occ, e), effective: e });
  }
  return runs;
}

/** The effective entries of an occurrence that cannot be told: each must be said, never passed over. */
export function unknownRuns(occ: Occurrence): Effective[] {
  return (occ.effective ?? []).filter((e) => e.for && !known(e));
}

/** The base branch's run in the same context, for the comparison rules. */
export function baseRun(base: Occurrence | undefined, e: Effective | undefined): Occurrence | undefined {
  if (!base || !e?.for) return base && !base.decidedElsewhere ? base : undefined;
  const same = (base.effective ?? []).find((b) => b.for && known(b) && b.for.kind === e.for!.kind && b.for.file === e.for!.file && b.for.name === e.for!.name && b.for.element === e.for!.element);
  if (same && known(same)) return asRun(base, same);
  return base.decidedElsewhere ? undefined : base;
}

/** The line a finding of an effective run adds: what runs, where, and which file set it. */
export function provenanceLine(e: Effective): string {
  return effectiveLine(e, (file, line) => (line ? `${file}:${line}` : file), (text) => `\`${text}\``);
}
