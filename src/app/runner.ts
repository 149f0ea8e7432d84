import merge from 'deepmerge';
import type { Logger, Probot } from 'probot';
import type { ChartFetcher } from '../charts/fetch.js';
import type { Resolver } from '../resolver/resolver.js';
import type { Octokit } from '../sources/github-pr.js';
import { analyzePullRequest } from './analyze-pr.js';
import { describeError, type ErrorPolicy } from './failure.js';
import { jobFields, jobKey, type JobData } from './jobs.js';
import { sweepDefaultBranch } from './pin-all.js';
import type { JobRunner } from './queue.js';
import type { OpenChecks } from './open-checks.js';
import type { HeadLog } from './state.js';

export interface RunnerDeps {
  resolver: Resolver;
  charts?: ChartFetcher;
  heads: HeadLog;
  /** The check run each PR's last analysis started (`id sha`). */
  runs?: HeadLog;
  /** What a check imagepin could not finish ends as (IMAGEPIN_ON_ERROR). */
  onError?: ErrorPolicy;
  /** Check runs in progress, closed as failed after a timeout. */
  openChecks?: OpenChecks;
  /** Called with each job's client (metrics). */
  instrument?: (octokit: Octokit, installation: number) => void;
  /** Deployment sweeps of one repository (the tracker owns their state). */
  sweepDeployments: (octokit: Octokit, log: Logger, repo: { owner: string; repo: string }) => Promise<void>;
}

/**
 * `.github/imagepin.yml` from the default branch, as Probot's context.config reads it: with the
 * organisation defaults (`_extends`, or the `.github` repository's file) deep-merged under it by
 * deepmerge, as context.config does. Without `defaults`, the plugin merges only the top level, so
 * a repository's `rules` would drop every rule the organisation set.
 */
export function configReader(octokit: Octokit, repo: { owner: string; repo: string }): () => Promise<unknown> {
  return () => octokit.config.get({ ...repo, path: '.github/imagepin.yml', defaults: (configs) => merge.all<Record<string, unknown>>([{}, ...configs]) }).then((r) => r.config);
}

/**
 * Runs stored jobs on any replica: authenticates again as the job's installation (a stored job
 * holds no token) and logs with the job's repository, PR and delivery on every line.
 */
export function createRunner(app: Probot, deps: RunnerDeps): JobRunner {
  return async (job: JobData, { last }) => {
    const octokit = (await app.auth(job.installation)) as unknown as Octokit;
    deps.instrument?.(octokit, job.installation);
    const log = app.log.child(jobFields(job));
    const repo = { owner: job.owner, repo: job.repo };
    if (job.kind === 'deployments') return deps.sweepDeployments(octokit, log, repo);
    if (job.kind === 'sweep-default') {
      try {
        await sweepDefaultBranch({ octokit, log, repo, issue: job.issue, kind: job.sweep, resolver: deps.resolver, readConfig: configReader(octokit, repo) });
      } catch (err) {
        // Whoever asked hears back, rather than waiting for a PR that will not come.
        const command = job.sweep === 'pin' ? 'pin-all' : 'mirror-all';
        if (last && job.issue !== undefined) await octokit.rest.issues.createComment({ ...repo, issue_number: job.issue, body: `imagepin could not finish \`/imagepin ${command}\`: ${describeError(err)}. Ask again when GitHub or the registry is back.` }).catch(() => undefined);
        throw err;
      }
      return;
    }
    // analyzePullRequest reads and writes a map; the shared head log is read before and written after.
    const key = jobKey(job);
    const before = await deps.heads.get(key);
    const analysed = new Map(before ? [[key, before]] : []);
    await analyzePullRequest({ octokit, log, ...repo, number: job.number, htmlUrl: job.htmlUrl, resolver: deps.resolver, charts: deps.charts, analysed, force: job.force, onError: deps.onError, openChecks: deps.openChecks, runs: deps.runs, lastAttempt: last });
    const after = analysed.get(key);
    if (after && after !== before) await deps.heads.set(key, after);
  };
}
