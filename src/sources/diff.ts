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
 * The new-file line ranges of a unified diff's hunks: the lines GitHub lets a review comment sit
 * on (RIGHT side, added or context lines). A multi-line comment must lie within one hunk.
 */
export function diffHunks(patch: string | undefined): Hunk[] {
  const hunks: Hunk[] = [];
  for (const match of (patch ?? '').matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(match[1]);
    const count = match[2] === undefined ? 1 : Number(match[2]);
    if (count > 0) hunks.push({ start, end: start + count - 1 });
  }
  return hunks;
}

/** True when lines `first..last` lie inside one hunk: where a (multi-line) review comment may go. */
export function insideOneHunk(hunks: readonly Hunk[], first: number, last: number): boolean {
  return hunks.some((h) => h.start <= first && last <= h.end);
}
