import type { IncomingMessage } from 'node:http';
import type { HarborArtifact, HarborProject, HarborRetentionPolicy, HarborRule } from '../../src/deploy/harbor/types.js';
import { isImmutable, retentionRun } from './fake-harbor-policy.js';
import { TestServer } from './http-server.js';

export type RulePermission = 'list' | 'create' | 'update' | 'delete';

const body = async (req: IncomingMessage): Promise<any> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
};
const selectorsOf = (r: HarborRule): string => JSON.stringify([r.tag_selectors, r.scope_selectors]);

/**
 * The Harbor v2.0 endpoints imagepin uses, on 127.0.0.1, with the shapes of Harbor's published
 * swagger (api/v2.0/swagger.yaml: Project, RetentionPolicy, ImmutableRule, Artifact). Harbor
 * itself cannot run here. Like Harbor it wants the robot account's Basic credentials, refuses the
 * immutable-tag-rule calls the account has no permission for (403), a 16th rule (400) and a
 * duplicate (409), and keeps immutable tags through its retention run and a tag delete (412).
 */
export class FakeHarbor {
  readonly projects = new Map<string, HarborProject>();
  readonly retentions = new Map<string, HarborRetentionPolicy>();
  readonly immutable = new Map<string, HarborRule[]>();
  /** `project/repository` → artifacts. */
  readonly artifacts = new Map<string, HarborArtifact[]>();
  /** Immutable-tag-rule permissions the robot account lacks. */
  readonly denied = new Set<RulePermission>();
  /** Answers 503 to everything while set, as a Harbor whose core is down. */
  down = false;
  /** Called for each artifact the retention run deletes (a test deletes it from the real registry). */
  onDelete: (repository: string, artifact: HarborArtifact) => Promise<void> = async () => undefined;
  readonly server: TestServer;
  private nextRule = 1;

  constructor(readonly username = 'robot$imagepin', readonly password = 'harbor-secret', readonly maxRules = 15) {
    this.server = new TestServer(async (req, res) => {
      const send = (status: number, data?: unknown, headers: Record<string, string> = {}): void => void res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(data === undefined ? '' : JSON.stringify(data));
      const fail = (status: number, code: string, message: string): void => send(status, { errors: [{ code, message }] });
      if (this.down) return fail(503, 'SERVICE_UNAVAILABLE', 'core is not available');
      const expected = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return fail(401, 'UNAUTHORIZED', 'unauthorized');
      const url = new URL(req.url ?? '/', 'http://harbor');
      // Harbor decodes the path once; a repository name with a slash arrives encoded twice.
      const parts = url.pathname.replace(/^\/api\/v2\.0\//, '').split('/').map(decodeURIComponent);
      const notFound = (): void => fail(404, 'NOT_FOUND', `${url.pathname} not found`);
      const page = <T>(all: T[]): void => {
        const size = Number(url.searchParams.get('page_size') ?? 10);
        const n = Number(url.searchParams.get('page') ?? 1);
        send(200, all.slice((n - 1) * size, n * size), { 'x-total-count': String(all.length) });
      };
      const method = req.method ?? 'GET';
      if (parts[0] === 'projects' && parts.length === 1) return page([...this.projects.values()]);
      if (parts[0] === 'projects' && parts.length === 2) return this.projects.has(parts[1]!) ? send(200, this.projects.get(parts[1]!)) : notFound();
      if (parts[0] === 'retentions' && parts.length === 2) return this.retentions.has(parts[1]!) ? send(200, this.retentions.get(parts[1]!)) : notFound();
      if (parts[0] === 'projects' && parts[2] === 'immutabletagrules') {
        if (!this.projects.has(parts[1]!)) return notFound();
        const rules = this.immutable.get(parts[1]!) ?? [];
        this.immutable.set(parts[1]!, rules);
        const need: RulePermission = method === 'GET' ? 'list' : method === 'POST' ? 'create' : method === 'PUT' ? 'update' : 'delete';
        if (this.denied.has(need)) return fail(403, 'FORBIDDEN', 'forbidden');
        if (method === 'GET') return page(rules);
        if (method === 'POST') {
          const rule = (await body(req)) as HarborRule;
          if (!rule?.tag_selectors?.length || !rule.scope_selectors?.repository?.length) return fail(400, 'BAD_REQUEST', 'tag and repository selectors are required');
          if (rules.length >= this.maxRules) return fail(400, 'BAD_REQUEST', `a project holds at most ${this.maxRules} immutable tag rules`);
          if (rules.some((r) => selectorsOf(r) === selectorsOf(rule))) return fail(409, 'CONFLICT', 'the rule already exists');
          const id = this.nextRule++;
          rules.push({ ...rule, id, priority: 0, action: 'immutable', template: 'immutable_template' });
          return send(201, undefined, { location: `/api/v2.0/projects/${parts[1]}/immutabletagrules/${id}` });
        }
        const i = rules.findIndex((r) => r.id === Number(parts[3]));
        if (i < 0) return notFound();
        if (method === 'PUT') rules[i] = { ...(await body(req)), id: rules[i]!.id };
        else rules.splice(i, 1);
        return send(200);
      }
      if (parts[0] === 'projects' && parts[2] === 'repositories' && parts[4] === 'artifacts') {
        const repository = decodeURIComponent(parts[3]!);
        const all = this.artifacts.get(`${parts[1]}/${repository}`);
        if (!all) return notFound();
        const rules = this.immutable.get(parts[1]!) ?? [];
        if (method === 'DELETE' && parts[6] === 'tags') {
          const artifact = all.find((a) => a.digest === parts[5] || (a.tags ?? []).some((t) => t.name === parts[5]));
          if (!artifact?.tags?.some((t) => t.name === parts[7])) return notFound();
          if (isImmutable(rules, repository, parts[7]!)) return fail(412, 'PRECONDITION', `the tag ${parts[7]} configured as immutable, cannot be deleted`);
          artifact.tags = artifact.tags.filter((t) => t.name !== parts[7]);
          return send(200);
        }
        return page(all.map((a) => ({ ...a, tags: a.tags?.map((t) => ({ ...t, immutable: isImmutable(rules, repository, t.name) })) ?? null })));
      }
      notFound();
    });
  }

  /** Runs the project's retention policy now, as its schedule would; returns the deleted `repository:tags`. */
  async runRetention(project: string): Promise<string[]> {
    const policy = this.retentions.get(this.projects.get(project)?.metadata?.retention_id ?? '');
    if (!policy) throw new Error(`project ${project} has no retention policy`);
    const deleted: string[] = [];
    for (const [key, artifacts] of this.artifacts) {
      if (!key.startsWith(`${project}/`)) continue;
      const repository = key.slice(project.length + 1);
      for (const gone of retentionRun(policy, this.immutable.get(project) ?? [], repository, artifacts)) {
        artifacts.splice(artifacts.indexOf(gone), 1);
        deleted.push(`${repository}:${(gone.tags ?? []).map((t) => t.name).join(',')}`);
        await this.onDelete(repository, gone);
      }
    }
    return deleted;
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
}
