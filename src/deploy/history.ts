import type { Octokit } from '../sources/github-pr.js';
import type { HistoryCommit } from './types.js';

type Repo = { owner: string; repo: string };

/** How many commits of the default branch the tracker reads: one GraphQL page. */
export const HISTORY_DEPTH = 100;

/**
 * The default branch's recent commits with everything the tracker needs, in one GraphQL query:
 * statuses (latest per context), deployments with their latest status, the pull request each
 * commit merged, and parents (for the first-parent line). REST would take a call per commit.
 */
export const HISTORY_QUERY = `query imagepinDeployHistory($owner: String!, $repo: String!, $branch: String!, $depth: Int!) {
  repository(owner: $owner, name: $repo) {
    ref(qualifiedName: $branch) {
      target {
        ... on Commit {
          history(first: $depth) {
            nodes {
              oid
              committedDate
              messageHeadline
              parents(first: 2) { nodes { oid } }
              status { contexts { context state } }
              deployments(first: 20) { nodes { environment state latestStatus { state } } }
              associatedPullRequests(first: 5) { nodes { number url title mergeCommit { oid } } }
            }
          }
        }
      }
    }
  }
}`;

interface Node {
  oid: string;
  committedDate: string;
  messageHeadline: string;
  parents: { nodes: { oid: string }[] };
  status: { contexts: { context: string; state: string }[] } | null;
  deployments: { nodes: { environment: string | null; state: string; latestStatus: { state: string } | null }[] };
  associatedPullRequests: { nodes: { number: number; url: string; title: string; mergeCommit: { oid: string } | null }[] };
}

export async function readHistory(octokit: Octokit, repo: Repo, branch: string): Promise<HistoryCommit[]> {
  const data = await octokit.graphql<{ repository: { ref: { target: { history?: { nodes: Node[] } } } | null } }>(HISTORY_QUERY, { ...repo, branch: `refs/heads/${branch}`, depth: HISTORY_DEPTH });
  return (data.repository.ref?.target.history?.nodes ?? []).map((n) => {
    const pull = n.associatedPullRequests.nodes.find((p) => p.mergeCommit?.oid === n.oid);
    return {
      sha: n.oid,
      date: n.committedDate,
      message: n.messageHeadline,
      parents: n.parents.nodes.map((p) => p.oid),
      ...(pull ? { pull: { number: pull.number, url: pull.url, title: pull.title } } : {}),
      statuses: n.status?.contexts ?? [],
      deployments: n.deployments.nodes.map((d) => ({ environment: d.environment ?? '', state: d.latestStatus?.state ?? d.state })),
    };
  });
}

/** The paths a commit changed against its first parent (GitHub lists up to 300 in one answer). */
export async function changedPaths(octokit: Octokit, repo: Repo, sha: string): Promise<string[]> {
  const { data } = await octokit.rest.repos.getCommit({ ...repo, ref: sha, per_page: 300 });
  return (data.files ?? []).flatMap((f) => [f.filename, ...(f.previous_filename ? [f.previous_filename] : [])]);
}

/** The compare API: does `descendant` contain `ancestor`? */
export async function contains(octokit: Octokit, repo: Repo, ancestor: string, descendant: string): Promise<boolean> {
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${ancestor}...${descendant}`, per_page: 1 });
  return data.status === 'ahead' || data.status === 'identical';
}
