import type { GitHubState } from './state.js';

export interface CommitMeta {
  parents: string[];
  date: string;
  message: string;
}

export interface IssueState {
  number: number;
  repo: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
}

/**
 * The default branch as a history of commits with parents and dates, and what GitHub records
 * about them: commit statuses, deployments and issues. Kept beside GitHubState (trees, pulls).
 */
export class DeployState {
  readonly meta = new Map<string, CommitMeta>();
  /** Merge commit → the pull request it merged. */
  readonly merged = new Map<string, { number: number; title: string }>();
  readonly statuses: { repo: string; sha: string; context: string; state: string }[] = [];
  readonly deployments: { id: number; repo: string; sha: string; environment: string; statuses: string[] }[] = [];
  readonly issues = new Map<number, IssueState>();
  /** Repositories the app's installation can see. */
  readonly installed: string[] = [];

  constructor(private readonly git: GitHubState) {}

  /** A commit on the default branch (a squash merge of `pr`, or a direct push) at `date`. */
  merge(repo: string, files: Record<string, string>, options: { date: string; message: string; pr?: number; parents?: string[] }): string {
    const head = this.git.defaultHead.get(repo);
    const sha = this.git.tree(head ?? '', files);
    this.meta.set(sha, { parents: options.parents ?? (head ? [head] : []), date: options.date, message: options.message });
    if (options.pr) this.merged.set(sha, { number: options.pr, title: options.message });
    this.git.setDefaultBranch(repo, sha);
    return sha;
  }

  /** Commits reachable from `head`, newest first (git log order by date). */
  log(head: string, depth: number): string[] {
    const seen = new Set<string>();
    const frontier = [head];
    while (frontier.length) {
      const sha = frontier.pop()!;
      if (seen.has(sha)) continue;
      seen.add(sha);
      frontier.push(...(this.meta.get(sha)?.parents ?? []));
    }
    return [...seen].sort((a, b) => Date.parse(this.meta.get(b)?.date ?? '0') - Date.parse(this.meta.get(a)?.date ?? '0')).slice(0, depth);
  }

  isAncestor(ancestor: string, descendant: string): boolean {
    return this.log(descendant, Number.MAX_SAFE_INTEGER).includes(ancestor);
  }

  /** The GraphQL answer to the tracker's history query. */
  history(repo: string, depth: number): unknown {
    const head = this.git.defaultHead.get(repo);
    if (!head) return { repository: { ref: null } };
    const nodes = this.log(head, depth).map((oid) => {
      const meta = this.meta.get(oid)!;
      const latest = new Map(this.statuses.filter((s) => s.repo === repo && s.sha === oid).map((s) => [s.context, s.state.toUpperCase()]));
      const pr = this.merged.get(oid);
      return {
        oid,
        committedDate: meta.date,
        messageHeadline: meta.message,
        parents: { nodes: meta.parents.map((p) => ({ oid: p })) },
        status: latest.size ? { contexts: [...latest].map(([context, state]) => ({ context, state })) } : null,
        deployments: { nodes: this.deployments.filter((d) => d.repo === repo && d.sha === oid).map((d) => ({ environment: d.environment, state: d.statuses.length ? (d.statuses.at(-1) === 'success' ? 'ACTIVE' : d.statuses.at(-1)!.toUpperCase()) : 'PENDING', latestStatus: d.statuses.length ? { state: d.statuses.at(-1)!.toUpperCase() } : null })) },
        associatedPullRequests: { nodes: pr ? [{ number: pr.number, url: `https://github.com/${repo}/pull/${pr.number}`, title: pr.title, mergeCommit: { oid } }] : [] },
      };
    });
    return { repository: { ref: { target: { history: { nodes } } } } };
  }
}
