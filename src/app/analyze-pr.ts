import { isRemote } from '../model/not-followed.js';
import type { Logger } from 'probot';
import type { ChartFetcher } from '../charts/fetch.js';
import { analyze } from '../engine/analyze.js';
import { checkOutput } from '../reporters/check-summary.js';
import { toMarkdown } from '../reporters/markdown.js';
import type { Resolver } from '../resolver/resolver.js';
import { atLeast } from '../rules/run.js';
import { loadPullRequest, type Octokit } from '../sources/github-pr.js';
import { completeCheck, startCheck, type CheckResult, type Conclusion } from './check-run.js';
import { upsertComment } from './comment.js';
import { repositoryConfig } from './config.js';
import { composeConfig } from './config-files.js';
import { couldNotFinish, describeError, type ErrorPolicy } from './failure.js';
import { planPullRequestFixes } from './fixes.js';
import { splitFindings } from './own.js';
import type { OpenChecks } from './open-checks.js';
import type { HeadLog } from './state.js';
import { headFields } from './jobs.js';
import { contained, failedNotice, proposeFixes } from './outputs.js';
import { closeSuperseded, pendingRecord } from './left-open.js';
import { readPullRequest, type PrSnapshot } from './pr-snapshot.js';

export interface PrJobInput {
  octokit: Octokit;
  log: Logger;
  owner: string;
  repo: string;
  number: number;
  /** The repository's web URL, for file links in the comment. */
  htmlUrl: string;
  resolver: Resolver;
  /** Fetches the charts the PR's files deploy, to check their default images. */
  charts?: ChartFetcher;
  /** The head SHA each PR was last analysed at, per app instance; `force` analyses again anyway. */
  analysed: Map<string, string>;
  force: boolean;
  /** What the check ends as when the analysis cannot finish (IMAGEPIN_ON_ERROR; default failure). */
  onError?: ErrorPolicy;
  /** The runs left in progress, closed after a timeout. */
  openChecks?: OpenChecks;
  /**
   * The check run each PR's last analysis started, as `id sha` (shared by the fleet): a run that a
   * killed or stopped replica left in progress on an older head is closed as superseded.
   */
  runs?: HeadLog;
  /** False while the queue will try this job again: a failure then leaves the run in progress for the retry. */
  lastAttempt?: boolean;
}

type Pull = PrSnapshot & { owner: string; repo: string; number: number };

/**
 * The PR's snapshot; if GitHub's GraphQL API fails it (after Octokit's retries), the head alone
 * from REST, carrying the failure: the check run can then still be started, and fail closed with
 * the reason, instead of no check at all.
 */
async function snapshot(input: PrJobInput): Promise<PrSnapshot> {
  const repo = { owner: input.owner, repo: input.repo };
  try {
    return await readPullRequest(input.octokit, repo, input.number);
  } catch (failure) {
    const { data } = await input.octokit.rest.pulls.get({ ...repo, pull_number: input.number });
    return { headSha: data.head.sha, baseSha: data.base.sha, headRef: data.head.ref, fork: data.head.repo?.full_name !== `${input.owner}/${input.repo}`, repoConfig: null, failure };
  }
}

/** Everything computed before anything is written. */
async function compute(input: PrJobInput, pr: Pull) {
  const repo = { owner: pr.owner, repo: pr.repo };
  if (pr.failure) throw pr.failure;
  if (pr.configError) throw new Error(pr.configError);
  let warnings: string[] = [];
  const { config, notices } = await repositoryConfig(async () => {
    const composed = await composeConfig(input.octokit, repo, pr.repoConfig, pr.orgConfig);
    warnings = composed.warnings;
    return composed.config;
  });
  if (warnings.length) notices.push('> [!WARNING]', ...warnings.map((w) => `> - ${w}`));
  const { changed, head, base } = await loadPullRequest(input.octokit, pr, { templateExtensions: config.templateExtensions });
  // The repository is known here, so an ApplicationSet git generator on another repoURL is unknown rather than read from this tree.
  const analysis = await analyze({ head, base, config, resolver: input.resolver, charts: input.charts, scan: { repository: `${pr.owner}/${pr.repo}` } });
  const { introduced, preExisting } = splitFindings(analysis.findings, changed);
  // Planning the pins belongs to the fixes output: if it breaks, the findings still go out.
  const plan = introduced.length ? await contained(input.log, 'fix plan', () => planPullRequestFixes(analysis.inventory, changed, head, config, input.resolver)) : { ok: true as const, value: { changes: [], skipped: [] } };
  if (!plan.ok) notices.push(failedNotice('the pins for these images', plan.reason));
  const changes = plan.ok ? plan.value.changes : undefined;
  const skipped = plan.ok ? plan.value.skipped : [];
  const failing = config.failOn !== 'never' && introduced.some((f) => atLeast(f.severity, config.failOn as 'error' | 'warning'));
  return { analysis, config, changed, notices, introduced, preExisting, changes, skipped, conclusion: (failing ? 'failure' : 'success') as Conclusion };
}

/**
 * One PR analysis at the PR's current head (deliveries arrive in any order, so the delivered SHA
 * is not trusted; one GraphQL query also brings the config, the follow-up PR and the comments):
 * check run in progress (the one a failed attempt left, or a new one), while the config from the
 * default branch and the PR's files are read → analyze → the outputs, each written on its own: the follow-up PR or
 * fork review, the sticky comment, the
 * check run with annotations on changed lines. If the analysis cannot finish, the check ends as
 * the operator's error policy says (failure unless IMAGEPIN_ON_ERROR=neutral), with the reason.
 * Throws only while the check is still in progress: the queue then retries, reusing the run.
 */
export async function analyzePullRequest(input: PrJobInput): Promise<void> {
  const { octokit } = input;
  const repo = { owner: input.owner, repo: input.repo };
  const key = `${input.owner}/${input.repo}#${input.number}`;
  const pr: Pull = { ...repo, number: input.number, ...(await snapshot(input)) };
  // Every line from here on names the head analysed (the job's fields name the repository, PR and delivery).
  const log = input.log.child(headFields(pr.headSha));
  if (!input.force && input.analysed.get(key) === pr.headSha) {
    log.debug('head already analysed');
    return;
  }
  // The next event is one of the two moments a run an earlier job left open is closed.
  await input.openChecks?.closeStale();
  // The run record as it was before this job ('' when empty; undefined without a log, or when it cannot be read: GitHub is then asked).
  const logged = await contained(log, 'check run record', async () => (input.runs ? ((await input.runs.get(key)) ?? '') : undefined));
  const recorded = logged.ok ? logged.value : undefined;
  const superseded = await contained(log, 'superseded check run', () => closeSuperseded(octokit, repo, input.runs, key, pr.headSha, input.openChecks));
  // Recorded before the run is created, so a replica killed in between leaves the run findable
  // (not over a record whose older run could not be closed: that one is tried again next time).
  if (superseded.ok) await contained(log, 'check run record', () => input.runs?.set(key, pendingRecord(pr.headSha)) ?? Promise.resolve());
  // The analysis reads the PR's files while the run is being started (one GitHub round trip less
  // before the first registry request); its outcome is taken only once the run is there.
  const computing = compute({ ...input, log }, pr).then((value) => ({ ok: true as const, value }), (err: unknown) => ({ ok: false as const, err }));
  // A run that cannot be started is no reason to skip the analysis: the comment and the follow-up
  // can still be written, and the run is then created completed at the end.
  const started = await contained(log, 'check run', () => startCheck(octokit, repo, pr.headSha, recorded));
  const check = started.ok ? started.value : undefined;
  if (check) input.openChecks?.add(octokit, repo, check.id);
  if (check) await contained(log, 'check run record', () => input.runs?.set(key, `${check.id} ${pr.headSha}`) ?? Promise.resolve());
  const finish = async (result: CheckResult) => {
    try {
      const written = await completeCheck(octokit, repo, check?.id ?? { headSha: pr.headSha }, result);
      if (check) input.openChecks?.done(check.id);
      if (check) await contained(log, 'check run record', () => input.runs?.set(key, `${check.id} ${pr.headSha} done`) ?? Promise.resolve());
      return written;
    } catch (err) {
      // Still in progress: the queue's retry reuses the run, and the sweep completes it with this result if every try fails.
      if (check) input.openChecks?.pending(check.id, result);
      throw err;
    }
  };
  const computed = await computing;
  if (!computed.ok) {
    const { err } = computed;
    if (input.lastAttempt === false) {
      log.warn({ err, checkRun: check?.id }, 'analysis failed; the queue tries again');
      throw err;
    }
    log.error({ err }, 'analysis could not finish');
    await finish({ conclusion: input.onError ?? 'failure', ...couldNotFinish(describeError(err)), annotate: [] });
    return;
  }
  const { analysis, config, changed, notices, introduced, preExisting, changes, skipped, conclusion } = computed.value;
  const fixes = changes ? await proposeFixes(octokit, log, repo, pr, changes, skipped, changed) : { ok: false };
  if (fixes.notice) notices.push(fixes.notice);
  const diagnostics = analysis.inventory.diagnostics;
  const notFollowed = analysis.inventory.notFollowed ?? [];
  const body = toMarkdown(analysis.inventory, introduced, { linkBase: `${input.htmlUrl}/blob/${pr.headSha}/`, notices, preExisting, chartChanges: analysis.chartChanges, failOn: config.failOn });
  // No comment is started for a PR with nothing to say; an earlier one is brought up to date.
  const comment = await contained(log, 'comment', () => upsertComment(octokit, repo, pr.number, body, introduced.length + preExisting.length > 0 || notices.length > 0 || diagnostics.length > 0 || notFollowed.some((n) => n.code !== 'disabled-in-values'), pr.comments));
  const output = checkOutput({ findings: introduced, failOn: config.failOn, references: analysis.inventory.occurrences.length, diagnostics, notFollowed: notFollowed.filter(isRemote).length, disabled: notFollowed.filter((n) => n.code === 'disabled-in-values').length, unlisted: notFollowed.filter((n) => n.code === 'not-in-kustomization').length, deleted: notFollowed.filter((n) => n.code === 'deleted-by-patch').length, preExisting: preExisting.length, reportUrl: `${input.htmlUrl}/pull/${pr.number}`, notices });
  const { title, summary } = changed.length === 0 ? { title: 'No image files changed', summary: 'This pull request changes no YAML manifests, values files or mirror configs.' } : output;
  const commentNote = comment.ok ? '' : `${failedNotice('its comment on this pull request', comment.reason)}\n\n`;
  // The conclusion comes from the findings alone: an output that failed changes what is shown, never the verdict.
  const { annotationsMissing } = await finish({ conclusion, title, summary: commentNote + summary, annotate: introduced, occurrences: analysis.inventory.occurrences, diagnostics, notFollowed });
  // The verdict is out: the head is analysed even if the comment, the fixes or some annotations
  // failed. The check says what is missing and that `/imagepin recheck` writes it again; a later
  // event for this head must not analyse it again into a second completed run.
  input.analysed.set(key, pr.headSha);
  log.info({ findings: introduced.length, conclusion, comment: comment.ok ? comment.value : 'failed', fixes: fixes.ok, annotationsMissing, reused: check?.reused }, 'analysed');
}
