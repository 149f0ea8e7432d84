import type { Octokit } from '../sources/github-pr.js';
import type { RepoRef } from './check-run.js';
import type { Skipped } from '../fixers/types.js';
import { fixList, skippedList, type FileChange } from './fixes.js';
import { openOrUpdatePull, openPullFrom, pushBranch } from './git.js';
import type { KnownFollowUp } from './pr-snapshot.js';

/** Deterministic, so a redelivery or a restart finds the same branch and never opens a second PR. */
export const followUpBranch = (number: number): string => `imagepin/pin/${number}`;

/**
 * Closes the follow-up PR of a PR when it is no longer needed (the PR fixed itself, or was closed).
 * `known` is the follow-up the PR's snapshot query found (null: none); without it, it is looked up.
 */
export async function closeFollowUp(octokit: Octokit, repo: RepoRef, number: number, why: string, known?: KnownFollowUp): Promise<boolean> {
  const existing = known === undefined ? await openPullFrom(octokit, repo, followUpBranch(number)) : known;
  if (!existing) return false;
  await octokit.rest.issues.createComment({ ...repo, issue_number: existing.number, body: `Closed by imagepin: ${why}` });
  await octokit.rest.pulls.update({ ...repo, pull_number: existing.number, state: 'closed' });
  return true;
}

/**
 * Opens (or updates in place) the follow-up PR into a PR's branch: one commit on top of the PR's
 * head, written through the git data API (tree with the fixed files, commit, branch ref), and a
 * body listing every change with its digest, and every reference left alone with the reason.
 * With no changes left, an open follow-up is closed.
 */
export async function syncFollowUp(octokit: Octokit, repo: RepoRef, pr: { number: number; headRef: string; headSha: string; followUp?: KnownFollowUp }, changes: FileChange[], skipped: Skipped[] = []): Promise<{ number: number; url: string } | undefined> {
  if (changes.length === 0) {
    await closeFollowUp(octokit, repo, pr.number, 'the pull request no longer has references to pin.', pr.followUp);
    return undefined;
  }
  const branch = followUpBranch(pr.number);
  const count = changes.reduce((n, c) => n + c.fixes.length, 0);
  const message = `Pin ${count} container image${count === 1 ? '' : 's'} to version@digest\n\nProposed by imagepin for #${pr.number}; every change was checked by reading the file again.`;
  await pushBranch(octokit, repo, branch, pr.headSha, message, changes);
  const title = `Pin container images of #${pr.number}`;
  const left = skippedList(skipped);
  const body = [`Merging this into #${pr.number} pins the images it adds or changes to an immutable version and digest.`, '', fixList(changes), ...(left ? ['', left] : []), '',
    `imagepin updates this PR when #${pr.number} changes, and closes it when it is no longer needed.`].join('\n');
  const { number, url } = await openOrUpdatePull(octokit, repo, branch, pr.headRef, title, body, pr.followUp);
  return { number, url };
}
