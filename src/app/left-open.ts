import type { Probot } from 'probot';
import type { Octokit } from '../sources/github-pr.js';
import { CHECK_NAME, completeCheck, type CheckResult, type RepoRef } from './check-run.js';
import { couldNotFinish, describeError, type ErrorPolicy } from './failure.js';
import { jobFields, jobKey, type JobData } from './jobs.js';
import type { OpenChecks } from './open-checks.js';
import type { HeadLog } from './state.js';

export const SUPERSEDED: CheckResult = { conclusion: 'neutral', title: 'Superseded by a newer push', summary: 'A newer commit is analysed instead.', annotate: [] };

/**
 * The run record of a PR (`runs`), written in two steps around creating the check run: `0 <sha>`
 * before (a run may now exist on that head) and `<id> <sha>` after. A replica killed between
 * the two leaves `0 <sha>`, so the run it created is still found: by its name on that head.
 */
export const pendingRecord = (sha: string): string => `0 ${sha}`;

function parseRecord(value: string | undefined): { id: number; sha: string } | undefined {
  const [id, sha] = (value ?? '').split(' ');
  return sha ? { id: Number(id) || 0, sha } : undefined;
}

/** imagepin's check runs still in progress on a head. */
async function openRuns(octokit: Octokit, repo: RepoRef, sha: string): Promise<number[]> {
  const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: sha, check_name: CHECK_NAME, status: 'in_progress', per_page: 100 });
  return data.check_runs.map((r) => r.id);
}

/** Completes every imagepin run in progress on `sha` with `result`; resolves to how many. */
async function closeOpen(octokit: Octokit, repo: RepoRef, sha: string, result: CheckResult, openChecks?: OpenChecks): Promise<number> {
  const ids = await openRuns(octokit, repo, sha);
  for (const id of ids) {
    await completeCheck(octokit, repo, id, result);
    openChecks?.done(id);
  }
  return ids.length;
}

/**
 * Completes the run an earlier analysis started on an older head, unless it was completed
 * meanwhile; with a pending record (the earlier job was killed around creating it), every
 * imagepin run in progress on that head.
 */
export async function closeSuperseded(octokit: Octokit, repo: RepoRef, runs: HeadLog | undefined, key: string, headSha: string, openChecks?: OpenChecks): Promise<void> {
  const record = parseRecord(await runs?.get(key));
  if (!record || record.sha === headSha) return;
  if (!record.id) return void (await closeOpen(octokit, repo, record.sha, SUPERSEDED, openChecks));
  const { data } = await octokit.rest.checks.get({ ...repo, check_run_id: record.id });
  if (data.status !== 'completed') await completeCheck(octokit, repo, record.id, SUPERSEDED);
  openChecks?.done(record.id);
}

export interface GiveUpDeps {
  runs?: HeadLog;
  onError: ErrorPolicy;
  openChecks?: OpenChecks;
}

/** Called once for a job that failed for good (no attempt of it will run again). */
export type GiveUp = (job: JobData, err: Error) => Promise<void>;

/**
 * What happens to a job that failed for good without finishing (every attempt failed, or it stalled
 * more often than allowed, so its last attempt never ran): its check runs are completed as the
 * operator's error policy says (never success), with the reason; the runs it left on an older head
 * as superseded. A `/imagepin pin-all` or `mirror-all` that asked from an issue hears back there.
 */
export function createGiveUp(app: Probot, deps: GiveUpDeps): GiveUp {
  return async (job, err) => {
    if (job.kind === 'deployments') return;
    const octokit = (await app.auth(job.installation)) as unknown as Octokit;
    const log = app.log.child(jobFields(job));
    const repo = { owner: job.owner, repo: job.repo };
    const reason = /stalled more than/.test(err.message) ? 'the replicas running this analysis stopped or were killed mid-analysis too many times' : describeError(err);
    if (job.kind === 'sweep-default') {
      const command = job.sweep === 'pin' ? 'pin-all' : 'mirror-all';
      if (job.issue !== undefined && /stalled more than/.test(err.message)) await octokit.rest.issues.createComment({ ...repo, issue_number: job.issue, body: `imagepin could not finish \`/imagepin ${command}\`: ${reason}. Ask again to retry.` });
      return;
    }
    const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: job.number });
    const head = pull.head.sha;
    const record = parseRecord(await deps.runs?.get(jobKey(job)));
    let closed = 0;
    if (record && record.sha !== head) closed += await closeOpen(octokit, repo, record.sha, SUPERSEDED, deps.openChecks);
    closed += await closeOpen(octokit, repo, head, { conclusion: deps.onError, ...couldNotFinish(reason), annotate: [] }, deps.openChecks);
    if (closed) log.error({ err, sha: head, closed, conclusion: deps.onError }, 'job failed for good; its check runs left in progress were completed as could not finish');
    else log.error({ err, sha: head }, 'job failed for good; no check run of it was left in progress');
  };
}
