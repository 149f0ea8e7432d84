import { isCandidate } from '../extractors/index.js';
import { FetchedSource, fetchBlobs, type Octokit } from './github-pr.js';

type Repo = { owner: string; repo: string };

/**
 * The files extractors read at one commit, as a Source: one recursive tree listing and GraphQL
 * blob batches. `only` narrows it to some paths (a merge's changed files).
 */
export async function loadTree(octokit: Octokit, repo: Repo, sha: string, name: string, only?: Set<string>): Promise<FetchedSource> {
  const { data: tree } = await octokit.rest.git.getTree({ ...repo, tree_sha: sha, recursive: 'true' });
  const wanted = tree.tree.filter((e) => e.type === 'blob' && e.path && isCandidate(e.path) && (!only || only.has(e.path))).map((e) => ({ sha, path: e.path!, as: e.path! }));
  const blobs = await fetchBlobs(octokit, repo, wanted);
  return new FetchedSource(name, new Map(wanted.filter((w) => blobs.has(w)).map((w) => [w.as, blobs.get(w)!])));
}

/** A whole branch (the default branch unless named) as a Source: one ref look-up, then `loadTree`. */
export async function loadBranch(octokit: Octokit, repo: Repo, branch?: string): Promise<{ branch: string; sha: string; source: FetchedSource }> {
  const name = branch ?? (await octokit.rest.repos.get(repo)).data.default_branch;
  const { data: ref } = await octokit.rest.git.getRef({ ...repo, ref: `heads/${name}` });
  const sha = ref.object.sha;
  return { branch: name, sha, source: await loadTree(octokit, repo, sha, `${repo.owner}/${repo.repo}@${name}`) };
}
