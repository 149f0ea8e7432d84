export { occurrenceLines } from '../model/occurrence-lines.js';
import type { Finding } from '../rules/types.js';
import type { ChangedFile } from '../sources/github-pr.js';

/**
 * The one predicate for "the PR's own": something in a changed file is the PR's when any line of
 * it changed (for an image, any of its parts or its pull policy), or when the file's lines are not
 * known (no patch, e.g. a large or renamed file). Shared by the comment's split and the follow-up's
 * fixes, so a finding the comment calls the PR's is also one the follow-up fixes.
 */
export function ownedByChange(changed: ChangedFile[]): (file: string, lines: Iterable<number>) => boolean {
  const byFile = new Map(changed.map((f) => [f.path, f.lines]));
  return (file, lines) => {
    const touched = byFile.get(file);
    if (touched === undefined) return false;
    if (touched.size === 0) return true;
    for (const line of lines) if (touched.has(line)) return true;
    return false;
  };
}

/** The lines a finding stands for: its occurrence's lines when it is about an image, else its own span. */
export function findingLines(f: Finding): number[] {
  const own = Array.from({ length: f.span.end.line - f.span.start.line + 1 }, (_, i) => f.span.start.line + i);
  return [...new Set([...own, ...(f.lines ?? [])])];
}

/**
 * Findings the PR introduced (any line of their occurrence changed, or, for what an ApplicationSet
 * element runs, a line that sets its parameters: a generator's config file or list element, which
 * holds no image of its own) and the ones that were there before.
 */
export function splitFindings(findings: Finding[], changed: ChangedFile[]): { introduced: Finding[]; preExisting: Finding[] } {
  const own = ownedByChange(changed);
  const introduced: Finding[] = [];
  const preExisting: Finding[] = [];
  const files = new Set(changed.map((c) => c.path));
  // A config file's one object gives all of an element's parameters: any change to the file may change what it runs.
  const byParameters = (f: Finding): boolean => (f.effective?.provenance ?? []).some((p) => (p.kind === 'applicationset-git-files' && files.has(p.file)) || (p.kind === 'applicationset-list' && p.line !== undefined && own(p.file, [p.line])));
  for (const f of findings) (own(f.file, findingLines(f)) || byParameters(f) ? introduced : preExisting).push(f);
  return { introduced, preExisting };
}
