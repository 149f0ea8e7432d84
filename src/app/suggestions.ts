import { applyEdits } from '../fixers/splice.js';
import type { Octokit } from '../sources/github-pr.js';
import type { RepoRef } from './check-run.js';
import type { FileChange } from './fixes.js';

/** Marks imagepin's review, so a retried job finds the one it posted instead of posting it twice. */
export const REVIEW_MARKER = '<!-- imagepin:suggestions -->';

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

/**
 * For a fork PR, where imagepin cannot push: one review whose comments are GitHub suggested
 * changes on the exact lines, so the author applies each with one click. One review per head
 * commit: a retry of the same job (or a redelivery) finds it and posts nothing.
 */
export async function suggestFixes(octokit: Octokit, repo: RepoRef, pr: { number: number; headSha: string }, changes: FileChange[]): Promise<number> {
  const comments = changes.flatMap((change) => change.fixes.map((fix) => {
    const starts = fix.edits.map((e) => e.start);
    const ends = fix.edits.map((e) => e.end);
    const first = lineOf(change.before, Math.min(...starts));
    const last = lineOf(change.before, Math.max(...ends));
    const after = applyEdits(change.before, fix.edits).split('\n');
    const before = change.before.split('\n');
    const added = after.length - before.length;
    const replacement = after.slice(first - 1, last + added).join('\n').replace(/\r$/gm, '');
    const comment = { path: change.path, line: last, side: 'RIGHT' as const, body: `\`\`\`suggestion\n${replacement}\n\`\`\`\n${fix.why}: \`${fix.to}\`` };
    return first === last ? comment : { ...comment, start_line: first, start_side: 'RIGHT' as const };
  }));
  if (comments.length === 0) return 0;
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...repo, pull_number: pr.number, per_page: 100 });
  if (reviews.some((r) => r.commit_id === pr.headSha && r.body?.includes(REVIEW_MARKER))) return comments.length;
  await octokit.rest.pulls.createReview({ ...repo, pull_number: pr.number, commit_id: pr.headSha, event: 'COMMENT', body: `imagepin suggests pinning ${comments.length} image reference${comments.length === 1 ? '' : 's'} to version@digest.\n\n${REVIEW_MARKER}`, comments });
  return comments.length;
}
