import { execFileSync } from 'node:child_process';
import { createSign, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TokenRequest {
  /** The first `scope` parameter; `scopes` has them all when there were several. */
  scope: string | null;
  scopes?: string[];
  service: string | null;
  user?: string;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/**
 * A Docker token server owned by the tests: it signs RS256 JWTs with a throwaway certificate
 * (made by openssl) that the registry trusts through `rootcertbundle`, and records every request.
 */
export class TokenServer {
  readonly requests: TokenRequest[] = [];
  readonly service = 'imagepin-test';
  readonly issuer = 'imagepin-test-issuer';
  /** Lifetime of issued tokens, in seconds; tests shorten it to exercise refresh. */
  expiresIn = 300;
  /** Lifetimes for the next tokens, used first (a negative one issues an already expired token). */
  readonly expiryPlan: number[] = [];
  /** When set, a request for several scopes is granted only the first (a token service that does not batch). */
  firstScopeOnly = false;
  private server?: Server;
  private port = 0;
  private readonly dir = mkdtempSync(join(tmpdir(), 'imagepin-token-'));
  private readonly key: string;
  private readonly certDer: string;

  constructor(
    private readonly users: Record<string, string> = {},
    private readonly anonymousPull = true,
  ) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(this.dir, 'key.pem'), '-out', join(this.dir, 'cert.pem'), '-days', '2', '-subj', '/CN=imagepin-test-token'], { stdio: 'ignore' });
    this.key = readFileSync(join(this.dir, 'key.pem'), 'utf8');
    this.certDer = readFileSync(join(this.dir, 'cert.pem'), 'utf8').replace(/-----[^-]+-----|\s/g, '');
  }

  get certPath(): string {
    return join(this.dir, 'cert.pem');
  }

  get realm(): string {
    return `http://127.0.0.1:${this.port}/token`;
  }

  /** A signed token granting `actions` on `repository`. */
  mint(repository: string, actions: string[], expiresIn = this.expiresIn): string {
    return this.mintAll([[repository, actions]], expiresIn);
  }

  /** A signed token granting each repository its actions (none: no entry). */
  mintAll(grants: [string, string[]][], expiresIn = this.expiresIn): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', x5c: [this.certDer] };
    const access = grants.filter(([, actions]) => actions.length).map(([name, actions]) => ({ type: 'repository', name, actions }));
    const claims = { iss: this.issuer, sub: 'imagepin', aud: this.service, exp: now + expiresIn, nbf: now - 300, iat: now, jti: randomUUID(), access };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    return `${input}.${createSign('RSA-SHA256').update(input).sign(this.key).toString('base64url')}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const [user, password] = basic ? Buffer.from(basic, 'base64').toString().split(':') : [];
      const scopes = url.searchParams.getAll('scope');
      const request: TokenRequest = { scope: scopes[0] ?? null, service: url.searchParams.get('service'), ...(scopes.length > 1 ? { scopes } : {}) };
      if (user) request.user = user;
      this.requests.push(request);
      if (user && this.users[user] !== password) {
        res.writeHead(401).end('{"details":"bad credentials"}');
        return;
      }
      const grants = (this.firstScopeOnly ? scopes.slice(0, 1) : scopes).map((scope): [string, string[]] => {
        const [, repository = '', actions = ''] = scope.split(':');
        return [repository, user ? actions.split(',') : this.anonymousPull ? actions.split(',').filter((a) => a === 'pull') : []];
      });
      const expiresIn = this.expiryPlan.shift() ?? this.expiresIn;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: this.mintAll(grants.length ? grants : [['', []]], expiresIn), expires_in: expiresIn, issued_at: new Date().toISOString() }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
