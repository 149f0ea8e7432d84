import { parsePatch } from 'diff';

/**
 * The line numbers a unified diff adds or changes in the new file (GitHub's `patch` of a PR file).
 * Context and removed lines are not counted; a hunk header resets the position.
 */
export function changedLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  if (!patch) return lines;
  let line = 0;
  for (const text of patch.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (hunk) {
      line = Number(hunk[1]);
      continue;
    }
    if (text.startsWith('+')) lines.add(line++);
    else if (text.startsWith(' ')) line++;
  }
  return lines;
}

/** One hunk of a diff in the new file: its first and last line (context lines included). */
export interface Hunk {
  start: number;
  end: number;
}

/**
 * The new-file line ranges of a unified diff's hunks (parsed by the `diff` package, which takes
 * GitHub's header-less `patch`): the lines GitHub lets a review comment sit on (RIGHT side, added
 * or context lines). A multi-line comment must lie within one hunk.
 */
export function diffHunks(patch: string | undefined): Hunk[] {
  if (!patch) return [];
  try {
    return parsePatch(patch).flatMap((file) => file.hunks).filter((h) => h.newLines > 0).map((h) => ({ start: h.newStart, end: h.newStart + h.newLines - 1 }));
  } catch {
    // A patch the parser refuses places no suggestion: every fix then goes into the review's text.
    return [];
  }
}

/** True when lines `first..last` lie inside one hunk: where a (multi-line) review comment may go. */
export function insideOneHunk(hunks: readonly Hunk[], first: number, last: number): boolean {
  return hunks.some((h) => h.start <= first && last <= h.end);
}
