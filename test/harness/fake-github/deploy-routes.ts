import type { DeployState } from './deploy-state.js';
import { HttpError, REPO, repoKey, type Route } from './http.js';
import type { GitHubState } from './state.js';

const route = (method: string, path: string, handle: Route[2]): Route => [method, new RegExp(`^${path}$`), handle];

/** Commits, compare, statuses, deployments, issues and installations: what deployment tracking uses. */
export function deployRoutes(git: GitHubState, d: DeployState, page: (url: URL, items: unknown[]) => unknown): Route[] {
  return [
    route('POST', `${REPO}/statuses/(?<sha>[0-9a-f]+)`, (p, b) => {
      const status = { repo: repoKey(p), sha: p.sha!, context: String(b.context ?? 'default'), state: String(b.state) };
      d.statuses.push(status);
      return { id: git.id(), ...status };
    }),
    route('GET', `${REPO}/commits/(?<ref>[0-9a-f]+)`, (p) => {
      const meta = d.meta.get(p.ref!);
      const after = git.commits.get(p.ref!);
      if (!meta || !after) throw new HttpError(404, 'No commit found for SHA');
      const before = git.commits.get(meta.parents[0] ?? '') ?? {};
      const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => before[f] !== after[f]).sort();
      return { sha: p.ref, parents: meta.parents.map((sha) => ({ sha })), files: paths.map((filename) => ({ filename, status: before[filename] === undefined ? 'added' : after[filename] === undefined ? 'removed' : 'modified' })) };
    }),
    route('GET', `${REPO}/compare/(?<base>[0-9a-f]+)\\.\\.\\.(?<head>[0-9a-f]+)`, (p) => {
      const [base, head] = [p.base!, p.head!];
      const status = base === head ? 'identical' : d.isAncestor(base, head) ? 'ahead' : d.isAncestor(head, base) ? 'behind' : 'diverged';
      return { status, ahead_by: 0, behind_by: 0, total_commits: 0, commits: [], files: [] };
    }),
    route('POST', `${REPO}/deployments`, (p, b) => {
      const deployment = { id: git.id(), repo: repoKey(p), sha: String(b.ref), environment: String(b.environment ?? 'production'), statuses: [] as string[] };
      d.deployments.push(deployment);
      return { id: deployment.id, sha: deployment.sha, environment: deployment.environment };
    }),
    route('POST', `${REPO}/deployments/(?<id>\\d+)/statuses`, (p, b) => {
      const deployment = d.deployments.find((x) => x.id === Number(p.id) && x.repo === repoKey(p));
      if (!deployment) throw new HttpError(404, 'Not Found');
      deployment.statuses.push(String(b.state));
      return { id: git.id(), state: b.state };
    }),
    route('GET', `${REPO}/issues`, (p, _b, url) => {
      const labels = url.searchParams.get('labels')?.split(',').filter(Boolean) ?? [];
      const state = url.searchParams.get('state') ?? 'open';
      const found = [...d.issues.values()].filter((i) => i.repo === repoKey(p) && (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)));
      return page(url, found.map((i) => ({ ...i, labels: i.labels.map((name) => ({ name })) })));
    }),
    route('POST', `${REPO}/issues`, (p, b) => {
      const issue = { number: git.id(), repo: repoKey(p), title: String(b.title), body: String(b.body ?? ''), state: 'open' as const, labels: (b.labels as string[] | undefined) ?? [] };
      d.issues.set(issue.number, issue);
      return issue;
    }),
    route('PATCH', `${REPO}/issues/(?<number>\\d+)`, (p, b) => {
      const issue = d.issues.get(Number(p.number));
      if (!issue || issue.repo !== repoKey(p)) throw new HttpError(404, 'Not Found');
      if (b.body !== undefined) issue.body = String(b.body);
      if (b.state === 'open' || b.state === 'closed') issue.state = b.state;
      return issue;
    }),
    route('GET', '/app/installations', () => [{ id: 1, account: { login: 'acme' } }]),
    route('GET', '/installation/repositories', () => ({ total_count: d.installed.length, repositories: d.installed.map((full) => ({ name: full.split('/')[1], full_name: full, owner: { login: full.split('/')[0] }, archived: false })) })),
  ];
}
