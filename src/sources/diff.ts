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
