import type { Octokit } from '../sources/github-pr.js';
import type { RepoRef } from './check-run.js';
import type { FileChange } from './fixes.js';
import type { KnownFollowUp } from './pr-snapshot.js';

/**
 * One commit with the changed files on top of `parent`, written through the git data API (a tree
 * from the parent's, a commit, the branch ref moved or created). Deterministic branch names make
 * this safe to repeat.
 */
export async function pushBranch(octokit: Octokit, repo: RepoRef, branch: string, parent: string, message: string, changes: FileChange[]): Promise<string> {
  const { data: tree } = await octokit.rest.git.createTree({ ...repo, base_tree: parent, tree: changes.map((c) => ({ path: c.path, mode: '100644' as const, type: 'blob' as const, content: c.after })) });
  const { data: commit } = await octokit.rest.git.createCommit({ ...repo, message, tree: tree.sha, parents: [parent] });
  try {
    await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha: commit.sha, force: true });
  } catch (err) {
    // Only a branch that does not exist yet is created; an outage is an outage, not a missing branch.
    if ((err as { status?: number }).status !== 422) throw err;
    await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: commit.sha });
  }
  return commit.sha;
}

/** The open PR from `branch`, if there is one: never two open PRs for the same purpose. */
export async function openPullFrom(octokit: Octokit, repo: RepoRef, branch: string) {
  const { data } = await octokit.rest.pulls.list({ ...repo, head: `${repo.owner}:${branch}`, state: 'open', per_page: 1 });
  return data[0];
}

/** Opens the PR from `branch` into `base`, or updates the open one in place (`known`: already looked up, null for none). */
export async function openOrUpdatePull(octokit: Octokit, repo: RepoRef, branch: string, base: string, title: string, body: string, known?: KnownFollowUp): Promise<{ number: number; url: string; created: boolean }> {
  const existing = known === undefined ? await openPullFrom(octokit, repo, branch) : known;
  if (existing) {
    await octokit.rest.pulls.update({ ...repo, pull_number: existing.number, title, body });
    return { number: existing.number, url: existing.html_url, created: false };
  }
  const { data } = await octokit.rest.pulls.create({ ...repo, title, head: branch, base, body });
  return { number: data.number, url: data.html_url, created: true };
}
