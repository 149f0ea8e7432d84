import type { Octokit } from '../sources/github-pr.js';
import { CONFIG_FIELDS, CONFIG_PATH, type ConfigBlob } from './config-files.js';
import { followUpBranch } from './follow-up.js';
import { NOT_FOUND, partialQuery, type GraphqlError } from './graphql-partial.js';

/** The sticky comment candidates: every comment when `complete`, else the first page only. */
export interface KnownComments {
  comments: { id: number; body: string; bot: boolean }[];
  complete: boolean;
}

/** The open follow-up PR of a PR (null: there is none), as `pulls.list` would give it. */
export type KnownFollowUp = { number: number; html_url: string } | null;

/** What one query tells about a PR before its analysis starts. */
export interface PrSnapshot {
  headSha: string;
  baseSha: string;
  headRef: string;
  fork: boolean;
  /** How many files the PR changes, so the files pages can be asked for at once. */
  changedFiles?: number;
  /** `.github/imagepin.yml` on the default branch, and the organisation's (`.github` repository) one. */
  repoConfig: ConfigBlob;
  orgConfig?: ConfigBlob;
  /** Why GitHub could not give a config file (not "there is none"): the analysis cannot finish. */
  configError?: string;
  /** Undefined when not known (the REST fallback): the outputs then look them up. */
  followUp?: KnownFollowUp;
  comments?: KnownComments;
  /** Why the snapshot query failed, when only the REST fallback read the head: the analysis cannot finish. */
  failure?: unknown;
}

const COMMENTS_PAGE = 100;
/** Open PRs from the follow-up branch name, in any repository: only the one in this repository counts. */
const FOLLOW_UPS = 20;

const query = (withOrg: boolean): string => `query imagepinPullRequest($owner: String!, $repo: String!, $number: Int!, $followUp: String!) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      headRefOid baseRefOid headRefName changedFiles headRepository { nameWithOwner }
      comments(first: ${COMMENTS_PAGE}) { pageInfo { hasNextPage } nodes { databaseId body author { __typename } } }
    }
    followUps: pullRequests(headRefName: $followUp, states: [OPEN], first: ${FOLLOW_UPS}) { nodes { number url headRepository { nameWithOwner } } }
    config: object(expression: "HEAD:${CONFIG_PATH}") { ${CONFIG_FIELDS} }
  }${withOrg ? `\n  org: repository(owner: $owner, name: ".github") { config: object(expression: "HEAD:${CONFIG_PATH}") { ${CONFIG_FIELDS} } }` : ''}
}`;

interface Answer {
  repository: {
    pullRequest: {
      headRefOid: string; baseRefOid: string; headRefName: string; changedFiles: number; headRepository: { nameWithOwner: string } | null;
      comments: { pageInfo: { hasNextPage: boolean }; nodes: { databaseId: number; body: string; author: { __typename: string } | null }[] };
    };
    followUps: { nodes: { number: number; url: string; headRepository: { nameWithOwner: string } | null }[] };
    config: ConfigBlob;
  };
  org?: { config: ConfigBlob } | null;
}

/**
 * The PR's live head (the one read of it per analysis: deliveries arrive in any order), the config
 * files Probot would read, the open follow-up PR and the sticky comment's candidates, in one
 * GraphQL query instead of six REST calls. An organisation without a `.github` repository is
 * "no organisation config". An error on a config file is kept as `configError` (the check then
 * fails closed, naming it); any other error is thrown.
 */
export async function readPullRequest(octokit: Octokit, repo: { owner: string; repo: string }, number: number): Promise<PrSnapshot> {
  const full = `${repo.owner}/${repo.repo}`;
  const withOrg = repo.repo !== '.github';
  const onConfig = (e: GraphqlError) => e.path?.[0] === 'org' || (e.path?.[0] === 'repository' && e.path[1] === 'config');
  const { data, absent } = await partialQuery<Answer>(octokit, query(withOrg), { ...repo, number, followUp: followUpBranch(number) }, onConfig);
  const failed = absent.find((e) => !(e.type === NOT_FOUND && e.path?.length === 1));
  const { pullRequest: pr, followUps, config } = data.repository;
  const own = followUps.nodes.find((p) => p.headRepository?.nameWithOwner === full);
  return {
    headSha: pr.headRefOid,
    baseSha: pr.baseRefOid,
    headRef: pr.headRefName,
    changedFiles: pr.changedFiles,
    fork: pr.headRepository?.nameWithOwner !== full,
    repoConfig: config,
    ...(withOrg && { orgConfig: data.org?.config ?? null }),
    ...(failed && { configError: `GitHub could not give ${failed.path?.[0] === 'org' ? `${repo.owner}/.github` : full}:${CONFIG_PATH} (${failed.type ?? 'error'}: ${failed.message}); imagepin does not judge a PR without its policy` }),
    followUp: own ? { number: own.number, html_url: own.url } : null,
    comments: { complete: !pr.comments.pageInfo.hasNextPage, comments: pr.comments.nodes.map((c) => ({ id: c.databaseId, body: c.body, bot: c.author?.__typename === 'Bot' })) },
  };
}
