import type { Octokit } from '../sources/github-pr.js';
import type { RepoRef } from './check-run.js';
import { fixTable, type FileChange } from './fixes.js';

/** Deterministic, so a redelivery or a restart finds the same branch and never opens a second PR. */
export const followUpBranch = (number: number): string => `imagepin/pin/${number}`;

async function openFollowUp(octokit: Octokit, repo: RepoRef, number: number) {
  const { data } = await octokit.rest.pulls.list({ ...repo, head: `${repo.owner}:${followUpBranch(number)}`, state: 'open', per_page: 1 });
  return data[0];
}

/** Closes the follow-up PR of a PR when it is no longer needed (the PR fixed itself, or was closed). */
export async function closeFollowUp(octokit: Octokit, repo: RepoRef, number: number, why: string): Promise<boolean> {
  const existing = await openFollowUp(octokit, repo, number);
  if (!existing) return false;
  await octokit.rest.issues.createComment({ ...repo, issue_number: existing.number, body: `Closed by imagepin: ${why}` });
  await octokit.rest.pulls.update({ ...repo, pull_number: existing.number, state: 'closed' });
  return true;
}

/**
 * Opens (or updates in place) the follow-up PR into a PR's branch: one commit on top of the PR's
 * head, written through the git data API (tree with the fixed files, commit, branch ref), and a
 * body with a table of every change. With no changes left, an open follow-up is closed.
 */
export async function syncFollowUp(octokit: Octokit, repo: RepoRef, pr: { number: number; headRef: string; headSha: string }, changes: FileChange[]): Promise<{ number: number; url: string } | undefined> {
  if (changes.length === 0) {
    await closeFollowUp(octokit, repo, pr.number, 'the pull request no longer has references to pin.');
    return undefined;
  }
  const branch = followUpBranch(pr.number);
  const { data: tree } = await octokit.rest.git.createTree({ ...repo, base_tree: pr.headSha, tree: changes.map((c) => ({ path: c.path, mode: '100644' as const, type: 'blob' as const, content: c.after })) });
  const count = changes.reduce((n, c) => n + c.fixes.length, 0);
  const message = `Pin ${count} container image${count === 1 ? '' : 's'} to version@digest\n\nProposed by imagepin for #${pr.number}; every change was checked by reading the file again.`;
  const { data: commit } = await octokit.rest.git.createCommit({ ...repo, message, tree: tree.sha, parents: [pr.headSha] });
  try {
    await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha: commit.sha, force: true });
  } catch {
    await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: commit.sha });
  }
  const title = `Pin container images of #${pr.number}`;
  const body = `Merging this into #${pr.number} pins the images it adds or changes to an immutable version and digest.\n\n${fixTable(changes)}\n\nimagepin updates this PR when #${pr.number} changes, and closes it when it is no longer needed.`;
  const existing = await openFollowUp(octokit, repo, pr.number);
  if (existing) {
    await octokit.rest.pulls.update({ ...repo, pull_number: existing.number, title, body });
    return { number: existing.number, url: existing.html_url };
  }
  const { data } = await octokit.rest.pulls.create({ ...repo, title, head: branch, base: pr.headRef, body });
  return { number: data.number, url: data.html_url };
}
