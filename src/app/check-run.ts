import { batches, toAnnotations } from '../reporters/annotations.js';
import type { Finding } from '../rules/types.js';
import type { Octokit } from '../sources/github-pr.js';

export const CHECK_NAME = 'imagepin';

export interface RepoRef {
  owner: string;
  repo: string;
}

export type Conclusion = 'success' | 'failure' | 'neutral';

/** Starts the check run for a head SHA, so the PR shows imagepin at work. */
export async function startCheck(octokit: Octokit, repo: RepoRef, headSha: string): Promise<number> {
  const { data } = await octokit.rest.checks.create({ ...repo, name: CHECK_NAME, head_sha: headSha, status: 'in_progress', started_at: new Date().toISOString() });
  return data.id;
}

/**
 * Completes the check run: conclusion, a Markdown summary, and the annotations in batches of 50
 * (the API's limit per call); the first batch goes with the completion itself.
 */
export async function completeCheck(octokit: Octokit, repo: RepoRef, checkRunId: number, result: { conclusion: Conclusion; title: string; summary: string; annotate: Finding[] }): Promise<void> {
  const [first = [], ...rest] = batches(toAnnotations(result.annotate));
  const output = (annotations: typeof first) => ({ title: result.title, summary: result.summary.slice(0, 65_535), annotations });
  await octokit.rest.checks.update({ ...repo, check_run_id: checkRunId, status: 'completed', conclusion: result.conclusion, completed_at: new Date().toISOString(), output: output(first) });
  for (const batch of rest) await octokit.rest.checks.update({ ...repo, check_run_id: checkRunId, output: output(batch) });
}
