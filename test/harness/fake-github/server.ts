import type { IncomingMessage, ServerResponse } from 'node:http';
import { TestServer } from '../http-server.js';
import { DeployState } from './deploy-state.js';
import { checkRoutes } from './check-routes.js';
import { deployRoutes } from './deploy-routes.js';
import { Faults } from './faults.js';
import { FakeGraphQL } from './graphql.js';
import { HookDeliveries } from './hook-deliveries.js';
import { HttpError, repoKey, type Params, type Route } from './http.js';
import { GitHubState } from './state.js';

/** GitHub refuses a comment without a body or over 65,536 characters. */
function commentBody(b: Record<string, unknown>): void {
  if (typeof b.body !== 'string' || b.body === '') throw new HttpError(422, 'Validation Failed: body is missing');
  if (b.body.length > 65_536) throw new HttpError(422, 'Validation Failed: Body is too long (maximum is 65536 characters)');
}

export interface Call {
  method: string;
  path: string;
}

/**
 * A stateful fake of the GitHub REST and GraphQL endpoints the app calls, on 127.0.0.1. Every
 * call is recorded (`calls`) so tests can count them; `state` is what tests set up and read back.
 */
export class FakeGitHub {
  readonly state = new GitHubState();
  /** History, statuses, deployments and issues, for deployment tracking. */
  readonly deploy = new DeployState(this.state);
  readonly calls: Call[] = [];
  /** Injected failures (502s, secondary rate limits) per method and route, for N calls. */
  readonly faults = new Faults();
  /** Webhook deliveries sent through `hooks.send`, listed and redelivered through the App API. */
  readonly hooks = new HookDeliveries('imagepin-test-secret');
  /** Runs on every call before it is answered: lets a test change state mid-analysis. */
  onCall?: (path: string, method: string) => void;
  /** Added before every answer, as github.com's round trip would be (benchmarks; 0 in tests). */
  latencyMs = 0;
  private readonly server: TestServer;
  private readonly routes: Route[];
  /** The GraphQL endpoint (a schema slice of GitHub's), for tests that make GitHub refuse a repository. */
  readonly schema = new FakeGraphQL(this.state);

  constructor() {
    const s = this.state;
    const pull = (p: Params) => {
      const found = s.pulls.get(`${repoKey(p)}#${p.number}`);
      if (!found) throw new HttpError(404, 'Not Found');
      return found;
    };
    const pullJson = (p: Params) => {
      const pr = pull(p);
      return { number: pr.number, state: pr.state, draft: pr.draft, head: { sha: pr.head.sha, ref: pr.head.ref, repo: { full_name: pr.head.repo } }, base: { sha: pr.base.sha, ref: pr.base.ref, repo: { full_name: pr.repo } } };
    };
    const tree = (sha: string) => {
      const files = s.commits.get(sha);
      if (!files) throw new HttpError(404, 'Not Found');
      return files;
    };
    this.routes = [
      ['POST', /^\/app\/installations\/(?<id>\d+)\/access_tokens$/, () => ({ token: 'ghs_fake', expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: {}, repository_selection: 'all' })],
      ['GET', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)$/, (p) => ({ name: p.repo, full_name: repoKey(p), default_branch: 'main', html_url: `https://github.com/${repoKey(p)}` })],
      ['GET', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/git\/ref\/(?<ref>.+)$/, (p) => {
        // Octokit encodes the whole ref (`heads%2Fmain`).
        const ref = decodeURIComponent(p.ref!).replace(/^heads\//, '');
        const sha = ref === 'main' ? s.defaultHead.get(repoKey(p)) : s.refs.get(`${repoKey(p)}:${ref}`);
        if (!sha) throw new HttpError(404, 'Not Found');
        return { ref: `refs/heads/${ref}`, object: { sha, type: 'commit' } };
      }],
      ['GET', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/pulls\/(?<number>\d+)$/, (p) => pullJson(p)],
      ['GET', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/pulls\/(?<number>\d+)\/files$/, (p, _b, url) => this.page(url, s.pullFiles(repoKey(p), Number(p.number)))],
      ['GET', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/git\/trees\/(?<sha>[0-9a-f]+)$/, (p) => ({
        sha: p.sha, truncated: false, tree: Object.entries(tree(p.sha!)).map(([path, text]) => ({ path, mode: '100644', type: 'blob', sha: 'x', size: Buffer.byteLength(text) })),
      })],
      ['GET', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/contents\/(?<path>.+)$/, (p, _b, _u, req) => {
        const head = s.defaultHead.get(repoKey(p));
        const text = head ? s.commits.get(head)?.[decodeURIComponent(p.path!)] : undefined;
        if (text === undefined) throw new HttpError(404, 'Not Found');
        return String(req.headers.accept).includes('raw') ? { raw: text } : { type: 'file', encoding: 'base64', content: Buffer.from(text).toString('base64') };
      }],
      ['GET', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/collaborators\/(?<user>[^/]+)\/permission$/, (p) => ({ permission: s.permissions.get(`${repoKey(p)}:${p.user}`) ?? 'read', user: { login: p.user } })],
      ['GET', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/issues\/(?<number>\d+)\/comments$/, (p, _b, url) => this.page(url, s.comments.filter((c) => c.repo === repoKey(p) && c.issue === Number(p.number)))],
      ['POST', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/issues\/(?<number>\d+)\/comments$/, (p, b) => {
        commentBody(b);
        const comment = { id: s.id(), issue: Number(p.number), repo: repoKey(p), body: String(b.body), user: { login: 'imagepin[bot]', type: 'Bot' as const } };
        s.comments.push(comment);
        return comment;
      }],
      ['PATCH', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/issues\/comments\/(?<id>\d+)$/, (p, b) => {
        const comment = s.comments.find((c) => c.id === Number(p.id) && c.repo === repoKey(p));
        if (!comment) throw new HttpError(404, 'Not Found');
        commentBody(b);
        comment.body = String(b.body);
        return comment;
      }],
      ['POST', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/git\/trees$/, (_p, b) => {
        const entries = b.tree as { path: string; content: string }[];
        return { sha: s.tree(String(b.base_tree), Object.fromEntries(entries.map((e) => [e.path, e.content]))), tree: [] };
      }],
      ['POST', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/git\/commits$/, (_p, b) => ({ sha: s.tree(String(b.tree), {}), message: b.message, parents: b.parents })],
      ['POST', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/git\/refs$/, (p, b) => {
        const ref = String(b.ref).replace(/^refs\/heads\//, '');
        if (s.refs.has(`${repoKey(p)}:${ref}`)) throw new HttpError(422, 'Reference already exists');
        s.refs.set(`${repoKey(p)}:${ref}`, String(b.sha));
        return { ref: b.ref, object: { sha: b.sha } };
      }],
      ['PATCH', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/git\/refs\/(?<ref>.+)$/, (p, b) => {
        const ref = decodeURIComponent(p.ref!).replace(/^heads\//, '');
        const key = `${repoKey(p)}:${ref}`;
        if (!s.refs.has(key)) throw new HttpError(422, 'Reference does not exist');
        s.refs.set(key, String(b.sha));
        return { ref: `refs/heads/${ref}`, object: { sha: b.sha } };
      }],
      ['GET', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/pulls$/, (p, _b, url) => {
        const head = url.searchParams.get('head')?.split(':')[1];
        const state = url.searchParams.get('state') ?? 'open';
        return { items: [...s.created].filter(([, pr]) => pr.repo === repoKey(p) && (!head || pr.head === head) && (state === 'all' || pr.state === state)).map(([number, pr]) => ({ number, state: pr.state, title: pr.title, body: pr.body, html_url: `https://github.com/${pr.repo}/pull/${number}`, head: { ref: pr.head }, base: { ref: pr.base } })) };
      }],
      ['POST', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/pulls$/, (p, b) => {
        const number = s.id();
        const head = String(b.head);
        s.created.set(number, { repo: repoKey(p), title: String(b.title), body: String(b.body), head, base: String(b.base), state: 'open' });
        s.openPull(repoKey(p), number, s.refs.get(`${repoKey(p)}:${String(b.base)}`) ?? '', s.refs.get(`${repoKey(p)}:${head}`) ?? '', { headRef: head, baseRef: String(b.base) });
        return { number, html_url: `https://github.com/${repoKey(p)}/pull/${number}` };
      }],
      ['PATCH', /^\/repos\/(?<owner>[^/]+)\/(?<repo>[^/]+)\/pulls\/(?<number>\d+)$/, (p, b) => {
        const pr = s.created.get(Number(p.number));
        if (!pr) throw new HttpError(404, 'Not Found');
        Object.assign(pr, Object.fromEntries(Object.entries(b).filter(([k]) => ['title', 'body', 'state'].includes(k))));
        return { number: Number(p.number), state: pr.state };
      }],
      ['POST', /^\/graphql$/, (_p, b) => this.graphql(String(b.query), (b.variables ?? {}) as Params)],
      ...checkRoutes(s),
      ...deployRoutes(s, this.deploy, (url, items) => this.page(url, items)),
      ...this.hooks.routes(),
    ];
    this.server = new TestServer((req, res) => this.handle(req, res));
  }

  get url(): string {
    return this.server.url;
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Calls whose path matches, for counting. */
  count(pattern: RegExp, method?: string): number {
    return this.calls.filter((c) => pattern.test(c.path) && (!method || c.method === method)).length;
  }

  private page(url: URL, items: unknown[]): { __link?: string; items: unknown[] } {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
    const page = Number(url.searchParams.get('page') ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    if (page * perPage >= items.length) return { items: slice };
    const next = new URL(url.href);
    next.searchParams.set('page', String(page + 1));
    return { __link: `<${this.url}${next.pathname}${next.search}>; rel="next"`, items: slice };
  }

  /** The deploy history (its own fake), and every other query run against the schema slice in graphql.ts. */
  private graphql(query: string, variables: Params): unknown {
    if (query.includes('imagepinDeployHistory')) return { data: this.deploy.history(`${variables.owner}/${variables.repo}`, Number(variables.depth)) };
    return this.schema.execute(query, variables);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    this.calls.push({ method, path: url.pathname });
    this.onCall?.(url.pathname, method);
    if (this.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
    const send = (status: number, data: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(data));
    };
    const fault = this.faults.take(method, url.pathname);
    if (fault) return send(fault.status, fault.body, fault.headers);
    for (const [routeMethod, pattern, handle] of this.routes) {
      const match = routeMethod === method ? pattern.exec(url.pathname) : null;
      if (!match) continue;
      try {
        const result = handle({ ...match.groups }, body, url, req) as { __link?: string; items?: unknown[]; raw?: string; __status?: number };
        if (result && typeof result === 'object' && '__status' in result) return send(Number(result.__status), {});
        if (result && typeof result === 'object' && 'raw' in result) return void res.writeHead(200, { 'content-type': 'text/plain' }).end(result.raw);
        if (result && typeof result === 'object' && 'items' in result) return send(200, result.items, result.__link ? { link: result.__link } : {});
        return send(method === 'POST' && url.pathname !== '/graphql' ? 201 : 200, result);
      } catch (err) {
        return send(err instanceof HttpError ? err.status : 500, { message: (err as Error).message });
      }
    }
    send(404, { message: `fake GitHub has no route for ${method} ${url.pathname}` });
  }
}
