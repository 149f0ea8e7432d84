import type { DisabledImage, FileResult } from '../../model/file-result.js';
import type { Occurrence } from '../../model/occurrence.js';
import { enabledNote, type Verdict } from './enabled.js';

/** What a file gives the effective pass: its occurrences and, when it has any, its images under `enabled: false` with their notices. */
export type EffectiveInput = Pick<FileResult, 'file' | 'occurrences'> & Partial<Pick<FileResult, 'notFollowed' | 'disabledImages'>>;

const start = (occ: Occurrence): number => Math.min(...Object.values(occ.parts).map((p) => p?.span.start.offset ?? Infinity));

/** Puts an occurrence back in file order: before the first of a later document, or of the same document further on. */
function insert(list: Occurrence[], occ: Occurrence): void {
  const at = list.findIndex((o) => o.file === occ.file && (o.document > occ.document || (o.document === occ.document && start(o) > start(occ))));
  if (at < 0) list.push(occ);
  else list.splice(at, 0, occ);
}

/**
 * Decision 64: an image under `enabled: false` whose releases' values layers may enable it (one
 * of them sets the key to something else, or cannot be read) is an occurrence again, with a note
 * naming why, and its notice is dropped. One that no release reads, or that every release keeps
 * disabled, stays a notice. `verdicts` gives one verdict per release (or build) that reads it.
 */
export function restoreEnabled(result: EffectiveInput, verdicts: (held: DisabledImage) => Verdict[]): void {
  const held = result.disabledImages;
  if (!held?.length) return;
  const kept: DisabledImage[] = [];
  for (const item of held) {
    const whys = verdicts(item).flatMap((v) => (v.off ? [] : [v.why]));
    if (whys.length === 0) {
      kept.push(item);
      continue;
    }
    const occ = item.occurrence;
    occ.notes = [...(occ.notes ?? []), enabledNote(item, whys)];
    insert(result.occurrences, occ);
    const list = result.notFollowed ?? [];
    const i = list.indexOf(item.notice);
    if (i >= 0) list.splice(i, 1);
  }
  // Each is decided once: a file applied again (a second context) keeps its answer.
  held.splice(0, held.length, ...kept);
}
