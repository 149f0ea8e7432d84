import type { Logger } from 'probot';
import { validateConfig, formatProblems } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { analyze } from '../engine/analyze.js';
import { toMarkdown } from '../reporters/markdown.js';
import type { Resolver } from '../resolver/resolver.js';
import { atLeast } from '../rules/run.js';
import type { Finding } from '../rules/types.js';
import { loadPullRequest, type ChangedFile, type Octokit, type PullRequestRef } from '../sources/github-pr.js';
import { completeCheck, startCheck, type Conclusion } from './check-run.js';
import { upsertComment } from './comment.js';

export interface PrJobInput {
  octokit: Octokit;
  log: Logger;
  pr: PullRequestRef;
  /** The repository's web URL, for file links in the comment. */
  htmlUrl: string;
  /** Probot's context.config: `.github/imagepin.yml` from the default branch. */
  readConfig: () => Promise<unknown>;
  resolver: Resolver;
  superseded: () => boolean;
}

/** Findings on lines the PR adds or changes are its own; others in touched files were there before. */
function split(findings: Finding[], changed: ChangedFile[]): { introduced: Finding[]; preExisting: Finding[] } {
  const lines = new Map(changed.map((f) => [f.path, f.lines]));
  const introduced: Finding[] = [];
  const preExisting: Finding[] = [];
  for (const f of findings) {
    const touched = lines.get(f.file);
    const own = touched !== undefined && (touched.size === 0 || [...Array(f.span.end.line - f.span.start.line + 1).keys()].some((i) => touched.has(f.span.start.line + i)));
    (own ? introduced : preExisting).push(f);
  }
  return { introduced, preExisting };
}

async function config(read: () => Promise<unknown>): Promise<{ config: Config; notices: string[] }> {
  let loaded;
  try {
    loaded = validateConfig(await read());
  } catch (err) {
    loaded = { ok: false as const, config: validateConfig(undefined).config, problems: [{ key: '.github/imagepin.yml', message: `is not valid YAML: ${(err as Error).message.split('\n')[0]}` }] };
  }
  if (loaded.ok) return { config: loaded.config, notices: [] };
  const lines = formatProblems(loaded.problems).map((l) => `- ${l}`);
  return { config: loaded.config, notices: ['> [!WARNING]', '> `.github/imagepin.yml` on the default branch has problems, so the defaults were used:', ...lines.map((l) => `> ${l}`)] };
}

/** The PR's head now: deliveries arrive in any order, so the queue alone cannot say which SHA is newest. */
async function currentHead(octokit: Octokit, pr: PullRequestRef): Promise<string> {
  const { data } = await octokit.rest.pulls.get({ owner: pr.owner, repo: pr.repo, pull_number: pr.number });
  return data.head.sha;
}

async function emptyInventory() {
  return (await analyze({ head: { name: 'empty', list: async () => [], read: async () => new Uint8Array() }, config: validateConfig(undefined).config })).inventory;
}

/**
 * One PR analysis: check run in progress → config from the default branch → the PR's files →
 * analyze → check run completed with annotations on changed lines → the sticky comment. A newer
 * push stops it before it writes; a bug completes the check as neutral with the message.
 */
export async function analyzePullRequest(input: PrJobInput): Promise<void> {
  const { octokit, pr, log } = input;
  const repo = { owner: pr.owner, repo: pr.repo };
  const checkRunId = await startCheck(octokit, repo, pr.headSha);
  try {
    const { config: cfg, notices } = await config(input.readConfig);
    const { changed, head, base } = await loadPullRequest(octokit, pr);
    if (changed.length === 0) {
      await completeCheck(octokit, repo, checkRunId, { conclusion: 'success', title: 'No image files changed', summary: 'This pull request changes no YAML manifests, values files or mirror configs.', annotate: [] });
      // An earlier report on this PR is now out of date: say so, but never start a new comment.
      await upsertComment(octokit, repo, pr.number, toMarkdown(await emptyInventory(), [], { notices }), false);
      return;
    }
    const analysis = await analyze({ head, base, config: cfg, resolver: input.resolver });
    if (input.superseded() || (await currentHead(octokit, pr)) !== pr.headSha) {
      log.info({ pr: pr.number, sha: pr.headSha }, 'superseded by a newer push; result dropped');
      await completeCheck(octokit, repo, checkRunId, { conclusion: 'neutral', title: 'Superseded by a newer push', summary: 'A newer commit is being analysed.', annotate: [] });
      return;
    }
    const { introduced, preExisting } = split(analysis.findings, changed);
    const failing = cfg.failOn !== 'never' && introduced.some((f) => atLeast(f.severity, cfg.failOn as 'error' | 'warning'));
    const conclusion: Conclusion = failing ? 'failure' : 'success';
    const body = toMarkdown(analysis.inventory, introduced, { linkBase: `${input.htmlUrl}/blob/${pr.headSha}/`, notices, preExisting });
    const title = introduced.length ? `${introduced.length} risk${introduced.length === 1 ? '' : 's'} in this pull request` : 'No new risks';
    await completeCheck(octokit, repo, checkRunId, { conclusion, title, summary: body, annotate: introduced });
    const outcome = await upsertComment(octokit, repo, pr.number, body, introduced.length + preExisting.length > 0 || notices.length > 0);
    log.info({ pr: pr.number, sha: pr.headSha, findings: introduced.length, conclusion, comment: outcome }, 'analysed');
  } catch (err) {
    log.error({ err, pr: pr.number }, 'analysis failed');
    await completeCheck(octokit, repo, checkRunId, { conclusion: 'neutral', title: 'imagepin failed', summary: `imagepin hit a problem and could not finish: ${(err as Error).message}. This is a bug in imagepin or a GitHub outage; re-run the check, or comment \`/imagepin recheck\`.`, annotate: [] });
  }
}
