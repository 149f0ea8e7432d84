import type { ChangedFile, Octokit } from '../sources/github-pr.js';
import type { RepoRef } from './check-run.js';
import type { Skipped } from '../fixers/types.js';
import { skippedHeading, skippedItems, type FileChange } from './fixes.js';
import { outsideItem, placeSuggestions, reviewComment } from './suggestion-lines.js';

/** Marks imagepin's review, so a retried job finds the one it posted instead of posting it twice. */
export const REVIEW_MARKER = '<!-- imagepin:suggestions -->';

const s = (n: number): string => (n === 1 ? '' : 's');

/** GitHub refuses a review body over 65,536 characters; the items past this budget are counted instead. */
const BODY_BUDGET = 60_000;

const OUTSIDE_REST = (n: number): string => `- …and ${n} more, not listed to stay under GitHub's size limit: each is annotated on its line in the check run, and \`imagepin pin\` on a checkout of this branch writes them.`;
const SKIPPED_REST = (n: number): string => `- …and ${n} more, not listed to stay under GitHub's size limit: \`imagepin pin --dry-run\` on a checkout of this branch names each with its reason (a development build it shows pinned as it is: frozen, not fixed).`;

/** The items that fit in what is left of the budget, then one line counting the rest; `used` is what they took. */
function withinLimit(items: string[], budget: number, rest: (n: number) => string): { lines: string[]; used: number } {
  const kept: string[] = [];
  let used = 0;
  for (const item of items) {
    if (used + item.length + 1 > budget) break;
    kept.push(item);
    used += item.length + 1;
  }
  const left = items.length - kept.length;
  return { lines: left ? [...kept, rest(left)] : kept, used };
}

/**
 * What the review carries: suggested changes on diff lines, the same fixes in its text for the
 * other lines, and every reference left alone with its reason (as a follow-up PR's body names them).
 */
export function reviewOf(changes: FileChange[], changed: ChangedFile[], skipped: Skipped[] = []): { body: string; comments: ReturnType<typeof reviewComment>[]; suggested: number; byHand: number; left: number } {
  const { inside, outside } = placeSuggestions(changes, changed);
  const comments = inside.map(reviewComment);
  const total = inside.length + outside.length;
  const lead = `imagepin suggests pinning ${total} image reference${s(total)} to version@digest.`;
  const hand = withinLimit(outside.map(outsideItem), BODY_BUDGET, OUTSIDE_REST);
  const byHand = outside.length
    ? ['', `${outside.length} of them ${outside.length === 1 ? 'is' : 'are'} on lines outside this PR's diff, where GitHub takes no suggested change: change ${outside.length === 1 ? 'it' : 'them'} by hand.`, '', ...hand.lines]
    : [];
  const left = skipped.length ? ['', skippedHeading(skipped.length), '', ...withinLimit(skippedItems(skipped), BODY_BUDGET - hand.used, SKIPPED_REST).lines] : [];
  return { body: [lead, ...byHand, ...left, '', REVIEW_MARKER].join('\n'), comments, suggested: inside.length, byHand: outside.length, left: skipped.length };
}

/**
 * For a fork PR, where imagepin cannot push: one review whose comments are GitHub suggested
 * changes on the exact lines, so the author applies each with one click. A fix on a line outside
 * the diff (GitHub refuses a comment there) goes into the review's text with the same new lines,
 * and so does every reference left alone, with its reason.
 * One review per head commit: a retry of the same job (or a redelivery) finds it and posts nothing.
 */
export async function suggestFixes(octokit: Octokit, repo: RepoRef, pr: { number: number; headSha: string }, changes: FileChange[], changed: ChangedFile[], skipped: Skipped[] = []): Promise<{ suggested: number; byHand: number; left: number }> {
  const review = reviewOf(changes, changed, skipped);
  const counts = { suggested: review.suggested, byHand: review.byHand, left: review.left };
  if (review.suggested + review.byHand === 0) return counts;
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...repo, pull_number: pr.number, per_page: 100 });
  if (reviews.some((r) => r.commit_id === pr.headSha && r.body?.includes(REVIEW_MARKER))) return counts;
  await octokit.rest.pulls.createReview({ ...repo, pull_number: pr.number, commit_id: pr.headSha, event: 'COMMENT', body: review.body, comments: review.comments });
  return counts;
}
