import type { Logger } from 'probot';
import type { ChartFetcher } from '../charts/fetch.js';
import { analyze } from '../engine/analyze.js';
import { toMarkdown } from '../reporters/markdown.js';
import type { Resolver } from '../resolver/resolver.js';
import { atLeast } from '../rules/run.js';
import type { Finding } from '../rules/types.js';
import { loadPullRequest, type ChangedFile, type Octokit } from '../sources/github-pr.js';
import { completeCheck, startCheck, type Conclusion } from './check-run.js';
import { upsertComment } from './comment.js';
import { repositoryConfig } from './config.js';
import { planPullRequestFixes, type FileChange } from './fixes.js';
import { syncFollowUp } from './follow-up.js';
import { suggestFixes } from './suggestions.js';

export interface PrJobInput {
  octokit: Octokit;
  log: Logger;
  owner: string;
  repo: string;
  number: number;
  /** The repository's web URL, for file links in the comment. */
  htmlUrl: string;
  /** Probot's context.config: `.github/imagepin.yml` from the default branch. */
  readConfig: () => Promise<unknown>;
  resolver: Resolver;
  /** Fetches the charts the PR's files deploy, to check their default images. */
  charts?: ChartFetcher;
  /** The head SHA each PR was last analysed at, per app instance; `force` analyses again anyway. */
  analysed: Map<string, string>;
  force: boolean;
}

/** Findings on lines the PR adds or changes are its own; others in touched files were there before. */
function split(findings: Finding[], changed: ChangedFile[]): { introduced: Finding[]; preExisting: Finding[] } {
  const lines = new Map(changed.map((f) => [f.path, f.lines]));
  const introduced: Finding[] = [];
  const preExisting: Finding[] = [];
  for (const f of findings) {
    const touched = lines.get(f.file);
    let own = touched !== undefined && touched.size === 0;
    for (let line = f.span.start.line; !own && touched && line <= f.span.end.line; line++) own = touched.has(line);
    (own ? introduced : preExisting).push(f);
  }
  return { introduced, preExisting };
}

async function livePull(input: PrJobInput): Promise<{ headSha: string; baseSha: string; headRef: string; fork: boolean }> {
  const { data } = await input.octokit.rest.pulls.get({ owner: input.owner, repo: input.repo, pull_number: input.number });
  return { headSha: data.head.sha, baseSha: data.base.sha, headRef: data.head.ref, fork: data.head.repo?.full_name !== `${input.owner}/${input.repo}` };
}

/**
 * Fixes for what the PR introduced: a follow-up PR into its branch, or for a fork (where imagepin
 * must not write) a review with suggested changes. Returns a line for the comment, if any.
 */
async function proposeFixes(input: PrJobInput, pr: Awaited<ReturnType<typeof livePull>> & { number: number }, changes: FileChange[]): Promise<string | undefined> {
  const repo = { owner: input.owner, repo: input.repo };
  if (pr.fork) {
    const count = changes.length ? await suggestFixes(input.octokit, repo, pr, changes) : 0;
    return count ? `> [!TIP]\n> imagepin suggested ${count} pin${count === 1 ? '' : 's'} in a review: apply them with one click.` : undefined;
  }
  if (pr.headRef.startsWith('imagepin/')) return undefined;
  const followUp = await syncFollowUp(input.octokit, repo, pr, changes);
  return followUp ? `> [!TIP]\n> [#${followUp.number}](${followUp.url}) pins these images into this branch: merge it to fix them.` : undefined;
}

/**
 * One PR analysis at the PR's current head (deliveries arrive in any order, so the delivered SHA
 * is not trusted): check run in progress → config from the default branch → the PR's files →
 * analyze → if the head has not moved meanwhile, the check run with annotations on changed lines
 * and the sticky comment. A bug completes the check as neutral with the message.
 */
export async function analyzePullRequest(input: PrJobInput): Promise<void> {
  const { octokit, log } = input;
  const repo = { owner: input.owner, repo: input.repo };
  const key = `${input.owner}/${input.repo}#${input.number}`;
  const pr = { ...repo, number: input.number, ...(await livePull(input)) };
  if (!input.force && input.analysed.get(key) === pr.headSha) {
    log.debug({ pr: pr.number, sha: pr.headSha }, 'head already analysed');
    return;
  }
  const checkRunId = await startCheck(octokit, repo, pr.headSha);
  try {
    const { config, notices } = await repositoryConfig(input.readConfig);
    const { changed, head, base } = await loadPullRequest(octokit, pr);
    const analysis = await analyze({ head, base, config, resolver: input.resolver, charts: input.charts });
    if ((await livePull(input)).headSha !== pr.headSha) {
      log.info({ pr: pr.number, sha: pr.headSha }, 'superseded by a newer push; result dropped');
      await completeCheck(octokit, repo, checkRunId, { conclusion: 'neutral', title: 'Superseded by a newer push', summary: 'A newer commit is analysed instead.', annotate: [] });
      return;
    }
    const { introduced, preExisting } = split(analysis.findings, changed);
    const changes = introduced.length ? await planPullRequestFixes(analysis.inventory, changed, head, config, input.resolver) : [];
    const tip = await proposeFixes(input, { ...pr, number: pr.number }, changes);
    if (tip) notices.push(tip);
    const failing = config.failOn !== 'never' && introduced.some((f) => atLeast(f.severity, config.failOn as 'error' | 'warning'));
    const conclusion: Conclusion = failing ? 'failure' : 'success';
    const body = toMarkdown(analysis.inventory, introduced, { linkBase: `${input.htmlUrl}/blob/${pr.headSha}/`, notices, preExisting, chartChanges: analysis.chartChanges });
    const title = changed.length === 0 ? 'No image files changed' : introduced.length ? `${introduced.length} risk${introduced.length === 1 ? '' : 's'} in this pull request` : 'No new risks';
    await completeCheck(octokit, repo, checkRunId, { conclusion, title, summary: changed.length === 0 ? 'This pull request changes no YAML manifests, values files or mirror configs.' : body, annotate: introduced });
    // No comment is started for a PR with nothing to say; an earlier one is brought up to date.
    const outcome = await upsertComment(octokit, repo, pr.number, body, introduced.length + preExisting.length > 0 || notices.length > 0);
    input.analysed.set(key, pr.headSha);
    log.info({ pr: pr.number, sha: pr.headSha, findings: introduced.length, conclusion, comment: outcome }, 'analysed');
  } catch (err) {
    log.error({ err, pr: pr.number }, 'analysis failed');
    await completeCheck(octokit, repo, checkRunId, { conclusion: 'neutral', title: 'imagepin failed', summary: `imagepin hit a problem and could not finish: ${(err as Error).message}. This is a bug in imagepin or a GitHub outage; re-run the check, or comment \`/imagepin recheck\`.`, annotate: [] });
  }
}
