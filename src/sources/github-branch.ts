import { isCandidate } from '../extractors/index.js';
import { FetchedSource, fetchBlobs, type Octokit } from './github-pr.js';

/**
 * A whole branch (the default branch unless named) as a Source: one ref look-up, one recursive
 * tree listing, and GraphQL blob batches for the files extractors read.
 */
export async function loadBranch(octokit: Octokit, repo: { owner: string; repo: string }, branch?: string): Promise<{ branch: string; sha: string; source: FetchedSource }> {
  const name = branch ?? (await octokit.rest.repos.get(repo)).data.default_branch;
  const { data: ref } = await octokit.rest.git.getRef({ ...repo, ref: `heads/${name}` });
  const sha = ref.object.sha;
  const { data: tree } = await octokit.rest.git.getTree({ ...repo, tree_sha: sha, recursive: 'true' });
  const wanted = tree.tree.filter((e) => e.type === 'blob' && e.path && isCandidate(e.path)).map((e) => ({ sha, path: e.path!, as: e.path! }));
  const blobs = await fetchBlobs(octokit, repo, wanted);
  const files = new Map(wanted.filter((w) => blobs.has(w)).map((w) => [w.as, blobs.get(w)!]));
  return { branch: name, sha, source: new FetchedSource(`${repo.owner}/${repo.repo}@${name}`, files) };
}
