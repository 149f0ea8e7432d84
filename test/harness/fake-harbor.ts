import type { HarborArtifact, HarborProject, HarborRetentionPolicy, HarborRule } from '../../src/deploy/harbor/types.js';
import { TestServer } from './http-server.js';

/**
 * The few Harbor v2.0 endpoints imagepin reads, on 127.0.0.1, answering with the shapes of
 * Harbor's published swagger (Project, RetentionPolicy, ImmutableRule, Artifact). Harbor itself
 * cannot run here. Every request needs the robot account's Basic credentials.
 */
export class FakeHarbor {
  readonly projects = new Map<string, HarborProject>();
  readonly retentions = new Map<string, HarborRetentionPolicy>();
  readonly immutable = new Map<string, HarborRule[]>();
  /** `project/repository` → artifacts. */
  readonly artifacts = new Map<string, HarborArtifact[]>();
  readonly server: TestServer;

  constructor(readonly username = 'robot$imagepin', readonly password = 'harbor-secret') {
    this.server = new TestServer((req, res) => {
      const send = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const expected = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return send(401, { errors: [{ code: 'UNAUTHORIZED', message: 'unauthorized' }] });
      const url = new URL(req.url ?? '/', 'http://harbor');
      // Harbor decodes the path once; a repository name with a slash arrives encoded twice.
      const parts = url.pathname.replace(/^\/api\/v2\.0\//, '').split('/').map(decodeURIComponent);
      const notFound = (): void => send(404, { errors: [{ code: 'NOT_FOUND', message: `${url.pathname} not found` }] });
      if (parts[0] === 'projects' && parts.length === 2) return this.projects.has(parts[1]!) ? send(200, this.projects.get(parts[1]!)) : notFound();
      if (parts[0] === 'retentions' && parts.length === 2) return this.retentions.has(parts[1]!) ? send(200, this.retentions.get(parts[1]!)) : notFound();
      if (parts[0] === 'projects' && parts[2] === 'immutabletagrules') return send(200, this.immutable.get(parts[1]!) ?? []);
      if (parts[0] === 'projects' && parts[2] === 'repositories' && parts[4] === 'artifacts') {
        const all = this.artifacts.get(`${parts[1]}/${decodeURIComponent(parts[3]!)}`);
        if (!all) return notFound();
        const size = Number(url.searchParams.get('page_size') ?? 10);
        const page = Number(url.searchParams.get('page') ?? 1);
        return send(200, all.slice((page - 1) * size, page * size));
      }
      notFound();
    });
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
