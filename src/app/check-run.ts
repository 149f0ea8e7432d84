import type { Diagnostic } from '../model/file-result.js';
import { batches, diagnosticAnnotations, notFollowedAnnotations, toAnnotations } from '../reporters/annotations.js';
import type { NotFollowed } from '../model/not-followed.js';
import type { Occurrence } from '../model/occurrence.js';
import type { Finding } from '../rules/types.js';
import type { Octokit } from '../sources/github-pr.js';
import { describeError } from './failure.js';

export const CHECK_NAME = 'imagepin';

export interface RepoRef {
  owner: string;
  repo: string;
}

export type Conclusion = 'success' | 'failure' | 'neutral';

export interface CheckResult {
  conclusion: Conclusion;
  title: string;
  summary: string;
  annotate: Finding[];
  /** The occurrences behind the findings: their annotations say what runs where it is not what is written. */
  occurrences?: Occurrence[];
  /** Files and charts that could not be checked: annotated after the findings. */
  diagnostics?: Diagnostic[];
  /** Remote includes imagepin did not read: notice annotations after those, never a change of conclusion. */
  notFollowed?: NotFollowed[];
}

/** The summary GitHub takes: at most 65,535 characters. */
const SUMMARY_LIMIT = 65_535;

/**
 * The check run for a head SHA: the imagepin run still in progress there, if a failed or
 * interrupted job left one (a retry must not open a second run), else a new one. Jobs of one PR
 * run one at a time, so a run in progress at the start of a job is never another job's.
 * `recorded` is the PR's run record as it was before this job (`id sha`, then `id sha done` once
 * completed; '' for none): it answers without a call. Without one, or with a pending record on
 * this head (`0 sha`), GitHub is asked.
 */
export async function startCheck(octokit: Octokit, repo: RepoRef, headSha: string, recorded?: string): Promise<{ id: number; reused: boolean }> {
  const [id, sha, done] = (recorded ?? '').split(' ');
  if (Number(id) && sha === headSha && !done) return { id: Number(id), reused: true };
  // A pending record (`0 <sha>`): a job was killed around creating the run, which only GitHub knows.
  if (recorded === undefined || (sha === headSha && !Number(id))) {
    const { data: open } = await octokit.rest.checks.listForRef({ ...repo, ref: headSha, check_name: CHECK_NAME, status: 'in_progress', per_page: 1 });
    const found = open.check_runs[0];
    if (found) return { id: found.id, reused: true };
  }
  const { data } = await octokit.rest.checks.create({ ...repo, name: CHECK_NAME, head_sha: headSha, status: 'in_progress', started_at: new Date().toISOString() });
  return { id: data.id, reused: false };
}

/** A refusal (4xx other than a rate limit) is about what was sent; sending it again cannot help. */
const refused = (err: unknown): boolean => {
  const status = (err as { status?: number }).status ?? 0;
  return status >= 400 && status < 500 && status !== 403 && status !== 429;
};

/**
 * Completes the check run: conclusion, a Markdown summary, and the annotations in batches of 50
 * (the API's limit per call); the first batch goes with the completion itself. The conclusion is
 * the one write that must happen: if GitHub refuses the first batch, the run is completed without
 * it; a batch that cannot be written is counted and named in the summary, not a reason to stop.
 * Throws only when the run could not be completed at all (it is then still in progress). With
 * `{ headSha }` instead of a run id (the run could not be started), the run is created completed.
 */
export async function completeCheck(octokit: Octokit, repo: RepoRef, target: number | { headSha: string }, result: CheckResult): Promise<{ annotationsMissing: number }> {
  const all = [...toAnnotations(result.annotate, result.occurrences), ...diagnosticAnnotations(result.diagnostics ?? []), ...notFollowedAnnotations(result.notFollowed ?? [])];
  const [first = [], ...rest] = batches(all);
  const output = (annotations: typeof first, summary = result.summary) => ({ title: result.title, summary: summary.slice(0, SUMMARY_LIMIT), annotations });
  let checkRunId = typeof target === 'number' ? target : 0;
  const update = (body: Record<string, unknown>) => octokit.rest.checks.update({ ...repo, check_run_id: checkRunId, ...body });
  const completion = { status: 'completed' as const, conclusion: result.conclusion, completed_at: new Date().toISOString() };
  const complete = async (annotations: typeof first): Promise<void> => {
    if (checkRunId) return void (await update({ ...completion, output: output(annotations) }));
    const { data } = await octokit.rest.checks.create({ ...repo, name: CHECK_NAME, head_sha: (target as { headSha: string }).headSha, ...completion, output: output(annotations) });
    checkRunId = data.id;
  };
  let missing = 0;
  let why = '';
  try {
    await complete(first);
  } catch (err) {
    if (!first.length || !refused(err)) throw err;
    missing += first.length;
    why = describeError(err);
    await complete([]);
  }
  for (const batch of rest) {
    try {
      await update({ output: output(batch) });
    } catch (err) {
      missing += batch.length;
      why = describeError(err);
    }
  }
  if (missing) {
    const note = `> [!WARNING]\n> ${missing} of ${all.length} annotations could not be written (${why}); every finding is listed below.\n\n`;
    // Best effort: the run is complete with its conclusion already; this only explains the gap.
    await update({ output: output([], note + result.summary) }).catch(() => undefined);
  }
  return { annotationsMissing: missing };
}
