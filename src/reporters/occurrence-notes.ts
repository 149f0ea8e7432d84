import type { Finding } from '../rules/types.js';
import { occurrencesOf, type Literal, type OccurrencesByFile, type Place } from './effective-lines.js';

/**
 * An occurrence's notes (a Tekton param's default that a run may override, the other places a YAML
 * alias feeds, a registry that comes from `global.imageRegistry`…) where its findings are shown:
 * the comment's blocks and the check-run annotations, as the JSON report carries them (issue 16).
 */

/** One note, once, with the lines of the findings whose occurrences carry it. */
export interface NoteAt {
  text: string;
  places: { file: string; line: number }[];
}

/** A note is cut past this many characters in the comment; the JSON report has it whole. */
export const NOTE_CHARS = 280;

/** The notes of the occurrences behind some findings, each text once, in the findings' order. */
export function notesOf(findings: Finding[], occurrences: OccurrencesByFile): NoteAt[] {
  const seen = new Map<string, NoteAt>();
  for (const f of findings) {
    for (const o of occurrencesOf(f, occurrences)) {
      for (const text of o.notes ?? []) {
        const note = seen.get(text) ?? { text, places: [] };
        seen.set(text, note);
        if (!note.places.some((p) => p.file === f.file && p.line === f.span.start.line)) note.places.push({ file: f.file, line: f.span.start.line });
      }
    }
  }
  return [...seen.values()];
}

/** A sentence: one line, ending with a full stop. */
export const sentence = (text: string): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return /[.!?…]$/.test(line) ? line : `${line}.`;
};

/** The note, at most `NOTE_CHARS` long; a cut one says where the rest is. */
export function cutNote(text: string, literal: Literal): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= NOTE_CHARS) return line;
  let cut = line.slice(0, NOTE_CHARS).trimEnd();
  // A code span cut open would swallow what follows: drop its opening backtick.
  if ((cut.match(/`/g)?.length ?? 0) % 2 === 1) cut = `${cut.slice(0, cut.lastIndexOf('`'))}${cut.slice(cut.lastIndexOf('`') + 1)}`;
  return `${cut}… (cut; ${literal('imagepin scan --format json')} has the whole note)`;
}

/**
 * Up to `max` lines `Note: …`, each naming its lines when `named` (a block over several lines),
 * then how many are left out and where they are listed. `prose` writes the note's own text.
 */
export function noteLines(notes: NoteAt[], opts: { place: Place; literal: Literal; prose: (text: string) => string; max: number; named: boolean }): string[] {
  const { place, literal, prose, max, named } = opts;
  const lines = notes.slice(0, max).map((n) => {
    const where = named ? ` (${n.places.slice(0, 3).map((p) => place(p.file, p.line)).join(', ')}${n.places.length > 3 ? `, and ${n.places.length - 3} more` : ''})` : '';
    return `Note${where}: ${sentence(prose(cutNote(n.text, literal)))}`;
  });
  if (notes.length > max) lines.push(`…and ${notes.length - max} more ${notes.length - max === 1 ? 'note' : 'notes'}: ${literal('imagepin scan --format json')} lists them.`);
  return lines;
}
