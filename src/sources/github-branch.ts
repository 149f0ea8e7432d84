import { isCandidate } from '../extractors/index.js';
import { FetchedSource, fetchBlobs, type Blob, type Octokit } from './github-pr.js';
import { generatorFiles } from './pr-needs.js';

type Repo = { owner: string; repo: string };

/**
 * The files extractors read at one commit, as a Source: one recursive tree listing and GraphQL
 * blob batches (one more for the config files of ApplicationSet git generators). `only` narrows
 * it to some paths (a merge's changed files), and then the tree's listing is not offered.
 */
export async function loadTree(octokit: Octokit, repo: Repo, sha: string, name: string, only?: Set<string>): Promise<FetchedSource> {
  const { data: tree } = await octokit.rest.git.getTree({ ...repo, tree_sha: sha, recursive: 'true' });
  const wanted = tree.tree.filter((e) => e.type === 'blob' && e.path && isCandidate(e.path) && (!only || only.has(e.path))).map((e) => ({ sha, path: e.path!, as: e.path! }));
  const blobs = await fetchBlobs(octokit, repo, wanted);
  const files = new Map<string, Blob>(wanted.filter((w) => blobs.has(w)).map((w) => [w.as, blobs.get(w)!]));
  const paths = tree.tree.filter((e) => e.type === 'blob' && e.path).map((e) => e.path!);
  // The config files (JSON too) that the git files generators of the ApplicationSets read match: one more batch.
  const texts = [...files].flatMap(([path, blob]): [string, string][] => (blob.text === null ? [] : [[path, blob.text]]));
  const configs = [...generatorFiles(texts, paths)].filter((path) => !files.has(path) && (!only || only.has(path))).map((path) => ({ sha, path, as: path }));
  if (configs.length) for (const [w, blob] of await fetchBlobs(octokit, repo, configs)) files.set(w.as, blob);
  return new FetchedSource(name, files, only ? undefined : paths);
}

/** A whole branch (the default branch unless named) as a Source: one ref look-up, then `loadTree`. */
export async function loadBranch(octokit: Octokit, repo: Repo, branch?: string): Promise<{ branch: string; sha: string; source: FetchedSource }> {
  const name = branch ?? (await octokit.rest.repos.get(repo)).data.default_branch;
  const { data: ref } = await octokit.rest.git.getRef({ ...repo, ref: `heads/${name}` });
  const sha = ref.object.sha;
  return { branch: name, sha, source: await loadTree(octokit, repo, sha, `${repo.owner}/${repo.repo}@${name}`) };
}
