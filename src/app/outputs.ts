import type { Skipped } from '../fixers/types.js';
import type { Logger } from 'probot';
import type { ChangedFile, Octokit } from '../sources/github-pr.js';
import type { RepoRef } from './check-run.js';
import { describeError } from './failure.js';
import type { FileChange } from './fixes.js';
import { syncFollowUp } from './follow-up.js';
import type { KnownFollowUp } from './pr-snapshot.js';
import { suggestFixes } from './suggestions.js';

/** The outcome of one contained write: its value, or why it failed. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Runs one output's writes in its own boundary: the check run, the comment, the follow-up PR and
 * the fork review are separate outputs, and one failing (after Octokit's retries) must never drop
 * the others. The failure is logged here and returned for the other outputs to name.
 */
export async function contained<T>(log: Logger, output: string, write: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await write() };
  } catch (err) {
    log.error({ err, output }, `${output} could not be written`);
    return { ok: false, reason: describeError(err) };
  }
}

/** A notice for the comment and the check: an output that could not be written, and how to get it. */
export const failedNotice = (what: string, reason: string): string =>
  `> [!WARNING]\n> imagepin could not write ${what}: ${reason}. The findings below stand; comment \`/imagepin recheck\` to try again.`;

/**
 * The comment's line about the fork review: what applies with one click, what is written out to
 * change by hand, and how many references it leaves alone (the review names each with its reason).
 */
export function reviewNotice(suggested: number, byHand: number, left = 0): string | undefined {
  const pins = (n: number): string => `${n} pin${n === 1 ? '' : 's'}`;
  const hand = `on lines outside this PR's diff, where GitHub takes no suggested change: the review's text shows ${byHand === 1 ? 'it' : 'them'} to change by hand`;
  const alone = left ? ` ${left} reference${left === 1 ? ' is' : 's are'} left as ${left === 1 ? 'it is' : 'they are'}: the review names ${left === 1 ? 'it' : 'each'} with the reason.` : '';
  if (suggested === 0) return byHand ? `> [!TIP]\n> imagepin wrote ${pins(byHand)} into a review, ${hand}.${alone}` : undefined;
  const click = `> [!TIP]\n> imagepin suggested ${pins(suggested)} in a review: apply ${suggested === 1 ? 'it' : 'them'} with one click`;
  return byHand ? `${click}; ${byHand} more ${byHand === 1 ? 'is' : 'are'} ${hand}.${alone}` : `${click}.${alone}`;
}

export interface FixTarget {
  number: number;
  headSha: string;
  headRef: string;
  fork: boolean;
  /** The open follow-up PR, if the snapshot query looked it up. */
  followUp?: KnownFollowUp;
}

/**
 * Fixes for what the PR introduced: a follow-up PR into its branch, or for a fork (where imagepin
 * must not write) a review with suggested changes. Returns a line for the comment, if any (the
 * link, or what could not be written), and whether the writes succeeded.
 */
export async function proposeFixes(octokit: Octokit, log: Logger, repo: RepoRef, pr: FixTarget, changes: FileChange[], skipped: Skipped[] = [], changed: ChangedFile[] = []): Promise<{ notice?: string; ok: boolean }> {
  if (pr.fork) {
    if (!changes.length) return { ok: true };
    const review = await contained(log, 'fork review', () => suggestFixes(octokit, repo, pr, changes, changed, skipped));
    if (!review.ok) return { ok: false, notice: failedNotice('the review with suggested pins', review.reason) };
    return { ok: true, notice: reviewNotice(review.value.suggested, review.value.byHand, review.value.left) };
  }
  if (pr.headRef.startsWith('imagepin/')) return { ok: true };
  const followUp = await contained(log, 'follow-up PR', () => syncFollowUp(octokit, repo, pr, changes, skipped));
  if (!followUp.ok) return { ok: false, notice: failedNotice(changes.length ? 'the follow-up PR that pins these images' : 'the follow-up PR update', followUp.reason) };
  return { ok: true, notice: followUp.value ? `> [!TIP]\n> [#${followUp.value.number}](${followUp.value.url}) pins these images into this branch: merge it to fix them.` : undefined };
}
