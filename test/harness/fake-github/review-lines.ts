import { structuredPatch } from 'diff';
import { HttpError } from './http.js';
import type { GitHubState } from './state.js';

interface ReviewComment {
  path?: unknown;
  line?: unknown;
  start_line?: unknown;
  side?: unknown;
}

/**
 * What GitHub refuses in a review's comments (POST /pulls/{n}/reviews answers 422): a path the
 * PR does not change, a line outside the diff's hunks on the RIGHT side (added or context lines
 * of the head version), a start_line after its line or in another hunk. Computed from the PR's
 * two trees here, independently of the app's own diff parsing.
 */
export function refuseOutsideDiff(s: GitHubState, repo: string, number: number, comments: ReviewComment[] | undefined): void {
  const pull = s.pulls.get(`${repo}#${number}`);
  if (!pull || !comments?.length) return;
  const before = s.commits.get(pull.base.sha) ?? {};
  const after = s.commits.get(pull.head.sha) ?? {};
  for (const c of comments) {
    const path = String(c.path);
    if (before[path] === after[path]) throw new HttpError(422, 'Unprocessable Entity: Path could not be resolved');
    if ((c.side ?? 'RIGHT') !== 'RIGHT') continue;
    const hunks = structuredPatch(path, path, before[path] ?? '', after[path] ?? '', '', '', { context: 3 }).hunks
      .filter((h) => h.newLines > 0).map((h) => ({ start: h.newStart, end: h.newStart + h.newLines - 1 }));
    const line = Number(c.line);
    const hunk = hunks.find((h) => h.start <= line && line <= h.end);
    if (!Number.isInteger(line) || !hunk) throw new HttpError(422, 'Unprocessable Entity: pull_request_review_thread.line must be part of the diff; Line could not be resolved');
    if (c.start_line === undefined) continue;
    const start = Number(c.start_line);
    if (!(start < line)) throw new HttpError(422, 'Unprocessable Entity: pull_request_review_thread.start_line must precede the end line');
    if (start < hunk.start) throw new HttpError(422, 'Unprocessable Entity: pull_request_review_thread.start_line must be part of the same hunk as the line');
  }
}
