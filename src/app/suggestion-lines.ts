import { applyEdits } from '../fixers/splice.js';
import type { Fix } from '../fixers/types.js';
import { insideOneHunk } from '../sources/diff.js';
import type { ChangedFile } from '../sources/github-pr.js';
import type { FileChange } from './fixes.js';

/** One fix as a suggested change: the lines it replaces (1-based, in the head version) and their new text. */
export interface Suggestion {
  path: string;
  first: number;
  last: number;
  replacement: string;
  fix: Fix;
}

const lineAt = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/** The line an edit ends on: an insertion at the start of a line belongs to the line before it. */
const endLine = (text: string, offset: number): number => (offset > 0 && text[offset - 1] === '\n' ? lineAt(text, offset - 1) : lineAt(text, offset));

/**
 * The lines a fix replaces and what they become. An edit that inserts lines (a kustomize
 * `digest:` after `newTag:`) is a change of the line it follows, so a suggestion never points past
 * the end of the file or at a line the fix does not touch.
 */
export function suggestionOf(change: FileChange, fix: Fix): Suggestion {
  const before = change.before;
  const first = Math.min(...fix.edits.map((e) => (e.start === e.end ? endLine(before, e.start) : lineAt(before, e.start))));
  const last = Math.max(...fix.edits.map((e) => endLine(before, e.end)));
  const lines = before.split('\n');
  const from = lines.slice(0, first - 1).reduce((n, l) => n + l.length + 1, 0);
  const through = lines.slice(0, last).reduce((n, l) => n + l.length + 1, 0);
  const to = Math.min(through, before.length);
  const segment = applyEdits(before.slice(from, to), fix.edits.map((e) => ({ ...e, start: e.start - from, end: e.end - from })));
  const replacement = (to === through && segment.endsWith('\n') ? segment.slice(0, -1) : segment).replace(/\r$/gm, '');
  return { path: change.path, first, last, replacement, fix };
}

/**
 * Every fix as a suggestion, split by where GitHub accepts a review comment: inside one hunk of
 * the PR's diff (RIGHT side), or outside it (an unchanged tag line of an image whose repository
 * line changed; a file shown without a patch), which GitHub refuses with 422.
 */
export function placeSuggestions(changes: FileChange[], changed: ChangedFile[]): { inside: Suggestion[]; outside: Suggestion[] } {
  const hunks = new Map(changed.map((f) => [f.path, f.hunks ?? []]));
  const inside: Suggestion[] = [];
  const outside: Suggestion[] = [];
  for (const change of changes) {
    for (const fix of change.fixes) {
      const s = suggestionOf(change, fix);
      (insideOneHunk(hunks.get(s.path) ?? [], s.first, s.last) ? inside : outside).push(s);
    }
  }
  return { inside, outside };
}

/** A review comment with a suggested change, on the exact lines. */
export function reviewComment(s: Suggestion): { path: string; line: number; side: 'RIGHT'; body: string; start_line?: number; start_side?: 'RIGHT' } {
  const comment = { path: s.path, line: s.last, side: 'RIGHT' as const, body: `\`\`\`suggestion\n${s.replacement}\n\`\`\`\n${s.fix.why}: \`${s.fix.to}\`` };
  return s.first === s.last ? comment : { ...comment, start_line: s.first, start_side: 'RIGHT' as const };
}

/** A fix GitHub will not take as a suggestion, for the review's own text: where, the same new lines, and why. */
export function outsideItem(s: Suggestion): string {
  const where = s.first === s.last ? `${s.path}:${s.first}` : `${s.path}:${s.first}-${s.last}`;
  const fence = s.replacement.includes('```') ? '~~~~' : '```';
  return `- \`${where}\` (outside this PR's diff): ${s.fix.why}: \`${s.fix.to}\`. Replace ${s.first === s.last ? 'the line' : 'the lines'} with:\n\n  ${fence}yaml\n${s.replacement.split('\n').map((l) => `  ${l}`).join('\n')}\n  ${fence}`;
}
