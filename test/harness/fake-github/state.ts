import { createHash } from 'node:crypto';
import { structuredPatch } from 'diff';

export type Tree = Record<string, string>;

export interface PullState {
  number: number;
  repo: string;
  head: { sha: string; ref: string; repo: string };
  base: { sha: string; ref: string };
  draft: boolean;
  state: 'open' | 'closed';
}

export interface CommentState {
  id: number;
  issue: number;
  repo: string;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
}

export interface ReviewState {
  id: number;
  repo: string;
  number: number;
  commit_id: string;
  body: string;
  comments: { path: string; line: number; start_line?: number; body: string }[];
}

export interface CheckRunState {
  id: number;
  repo: string;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  started_at?: string;
  output: { title?: string; summary?: string; annotations: Record<string, unknown>[] };
}

const sha = (text: string): string => createHash('sha1').update(text).digest('hex');

/**
 * What the fake GitHub knows, readable by tests: repositories as commits of whole trees, pull
 * requests between two commits, comments, check runs and permissions. Every state change goes
 * through these methods, so the server stays a thin router.
 */
export class GitHubState {
  readonly commits = new Map<string, Tree>();
  readonly defaultHead = new Map<string, string>();
  readonly pulls = new Map<string, PullState>();
  readonly comments: CommentState[] = [];
  readonly checkRuns: CheckRunState[] = [];
  readonly permissions = new Map<string, string>();
  /** Branches: `owner/repo:branch` → commit SHA. */
  readonly refs = new Map<string, string>();
  readonly reviews: ReviewState[] = [];
  /** Pull requests opened through the API (follow-ups), with title and body. */
  readonly created = new Map<number, { repo: string; title: string; body: string; head: string; base: string; state: string }>();
  private nextId = 1000;

  /** Records a commit with the given whole tree; returns its SHA. */
  commit(tree: Tree): string {
    const id = sha(JSON.stringify(Object.entries(tree).sort()) + this.nextId++);
    this.commits.set(id, { ...tree });
    return id;
  }

  setDefaultBranch(repo: string, commit: string): void {
    this.defaultHead.set(repo, commit);
  }

  openPull(repo: string, number: number, base: string, head: string, options: { draft?: boolean; fork?: string; baseRef?: string; headRef?: string } = {}): PullState {
    const pull: PullState = { number, repo, head: { sha: head, ref: options.headRef ?? `feature-${number}`, repo: options.fork ?? repo }, base: { sha: base, ref: options.baseRef ?? 'main' }, draft: options.draft ?? false, state: 'open' };
    this.pulls.set(`${repo}#${number}`, pull);
    if (!options.fork) this.refs.set(`${repo}:${pull.head.ref}`, head);
    return pull;
  }

  /** A tree: `base` (a commit or tree SHA) with some files replaced. */
  tree(base: string, files: Record<string, string>): string {
    return this.commit({ ...(this.commits.get(base) ?? {}), ...files });
  }

  /** A new head commit for a pull request, as a push would make. */
  push(repo: string, number: number, tree: Tree): string {
    const pull = this.pulls.get(`${repo}#${number}`)!;
    pull.head.sha = this.commit(tree);
    return pull.head.sha;
  }

  /** The PR's changed files with GitHub-style unified `patch` text. */
  pullFiles(repo: string, number: number): { filename: string; status: string; patch?: string; additions: number; deletions: number; changes: number; sha: string }[] {
    const pull = this.pulls.get(`${repo}#${number}`)!;
    const before = this.commits.get(pull.base.sha) ?? {};
    const after = this.commits.get(pull.head.sha) ?? {};
    const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return paths.filter((p) => before[p] !== after[p]).map((path) => {
      const status = before[path] === undefined ? 'added' : after[path] === undefined ? 'removed' : 'modified';
      const patch = structuredPatch(path, path, before[path] ?? '', after[path] ?? '', '', '', { context: 3 });
      const text = patch.hunks.map((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines].join('\n')).join('\n');
      const additions = patch.hunks.flatMap((h) => h.lines).filter((l) => l.startsWith('+')).length;
      const deletions = patch.hunks.flatMap((h) => h.lines).filter((l) => l.startsWith('-')).length;
      return { filename: path, status, patch: text, additions, deletions, changes: additions + deletions, sha: sha(after[path] ?? '') };
    });
  }

  /** How many files a PR changes (GraphQL's `changedFiles`), without computing patches. */
  changedCount(repo: string, number: number): number {
    const pull = this.pulls.get(`${repo}#${number}`)!;
    const before = this.commits.get(pull.base.sha) ?? {};
    const after = this.commits.get(pull.head.sha) ?? {};
    return new Set([...Object.keys(before), ...Object.keys(after)].filter((p) => before[p] !== after[p])).size;
  }

  id(): number {
    return this.nextId++;
  }
}
