import { scanSource } from '../engine/scan.js';
import { isCandidate } from '../extractors/index.js';
import { loadTree } from '../sources/github-branch.js';
import type { Octokit } from '../sources/github-pr.js';
import { imageChanges } from './changes.js';
import { unitsFor, type DeployedView } from './deployed.js';
import { changedPaths } from './history.js';
import type { DeployUnit, HistoryCommit, TrackedMerge } from './types.js';

type Repo = { owner: string; repo: string };

/** At most this many merges are examined per sweep (each costs a commit read the first time). */
export const MAX_MERGES = 30;

export interface MergeInput {
  octokit: Octokit;
  repo: Repo;
  view: DeployedView;
  units: DeployUnit[];
  /** Merges older than this (ms since epoch) are overdue. */
  before: number;
  /** What the tracking issue already knows, by SHA: paths and image changes are not read again. */
  known: Map<string, TrackedMerge>;
}

/** How far down the first-parent line a merge can still be undeployed: below every unit's latest deployment, all are deployed. */
function horizon(view: DeployedView): number {
  const positions = [...view.latest.values()].map((s) => view.positionOf(s.sha));
  if (positions.length === 0 || positions.includes(undefined)) return view.chain.length;
  return Math.max(...(positions as number[]));
}

async function describe(input: MergeInput, commit: HistoryCommit): Promise<TrackedMerge> {
  const known = input.known.get(commit.sha);
  if (known) return { ...known, pull: commit.pull ?? known.pull };
  const paths = (await changedPaths(input.octokit, input.repo, commit.sha)).filter((path) => isCandidate(path));
  const merge: TrackedMerge = { sha: commit.sha, date: commit.date, message: commit.message, ...(commit.pull ? { pull: commit.pull } : {}), paths, units: unitsFor(paths, input.units), images: [] };
  if (paths.length === 0) return merge;
  const only = new Set(paths);
  const parent = commit.parents[0];
  const after = await scanSource(await loadTree(input.octokit, input.repo, commit.sha, commit.sha, only));
  const before = parent ? await scanSource(await loadTree(input.octokit, input.repo, parent, parent, only)) : { ...after, occurrences: [] };
  merge.images = imageChanges(before, after);
  return merge;
}

/**
 * The merges to the default branch, older than the grace period, that change manifests and that
 * no deployment contains yet; newest first. Merges the issue tracked and this sweep did not
 * examine (past the cap, or out of the history window) are checked again, off the first-parent
 * line with the compare API.
 */
export async function undeployedMerges(input: MergeInput): Promise<TrackedMerge[]> {
  const { view } = input;
  const out: TrackedMerge[] = [];
  const limit = Math.min(horizon(view), view.chain.length);
  const examined = new Set<string>();
  for (let i = 0; i < limit && examined.size < MAX_MERGES; i++) {
    const commit = view.chain[i]!;
    if (Date.parse(commit.date) > input.before) continue;
    examined.add(commit.sha);
    const merge = await describe(input, commit);
    if (merge.paths.length > 0 && !(await view.deployed(merge.sha, merge.units))) out.push(merge);
  }
  // Tracked before and not examined now (past the cap, or out of the window): still listed until deployed.
  for (const old of input.known.values()) {
    if (examined.has(old.sha)) continue;
    if (!(await view.deployed(old.sha, old.units))) out.push(old);
  }
  return out;
}
