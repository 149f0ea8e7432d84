import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TestServer } from './http-server.js';

const sha256 = (body: Buffer): string => `sha256:${createHash('sha256').update(body).digest('hex')}`;

/** The one manifest the hostile registry serves when it serves anything honest. */
export const MANIFEST = Buffer.from('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{},"layers":[]}');
export const MANIFEST_DIGEST = sha256(MANIFEST);

/** An image index of 10,000 entries (about 1.6 MB), and its digest. */
export const BIG_INDEX = Buffer.from(JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.index.v1+json',
  manifests: Array.from({ length: 10_000 }, (_, i) => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 100, digest: `sha256:${i.toString(16).padStart(64, '0')}`, platform: { os: 'linux', architecture: i % 2 ? 'arm64' : 'amd64' } })),
}));
export const BIG_INDEX_DIGEST = sha256(BIG_INDEX);

/** The ways the registry misbehaves; each is reached through its own path prefix (`/<case>/v2/...`). */
export const CASES = [
  'hang', 'drip', 'server-error', 'retry-after-small', 'retry-after-huge', 'truncated', 'oversized', 'wrong-digest', 'missing-digest',
  'realm-other-port', 'realm-other-host', 'realm-other-scheme', 'redirect-loop', 'bad-challenge', 'no-realm', 'big-index', 'endless-tags',
  'huge-tag-page', 'redirect-other-port', 'redirect-other-host', 'honest',
] as const;
export type Case = (typeof CASES)[number];

export interface AuthorizationSeen {
  /** `http://host:port` as the client addressed it (the Host header). */
  origin: string;
  url: string;
  authorization: string;
}

type Reply = (req: IncomingMessage, res: ServerResponse, rest: string) => void;

/**
 * A registry that misbehaves on purpose, on loopback, for resolver failure tests: each case is an
 * endpoint prefix (`hostile.endpoint('hang')`). A second server, `elsewhere`, is the "other origin"
 * that token realms and redirects point to. Both log every Authorization header they receive.
 * `onPark` runs when a request is parked (hang, drip), so a test can move its clock then.
 */
export class HostileRegistry {
  readonly registry = new TestServer((req, res) => this.route(req, res));
  readonly elsewhere = new TestServer((req, res) => this.serveElsewhere(req, res));
  onPark: () => void = () => {};
  private readonly open = new Set<ServerResponse>();
  private readonly drips = new Set<NodeJS.Timeout>();

  static async start(): Promise<HostileRegistry> {
    const hostile = new HostileRegistry();
    await hostile.registry.start();
    await hostile.elsewhere.start();
    return hostile;
  }

  /** An endpoint override for the case: `<case>.hostile.test=http://127.0.0.1:PORT/<case>/v2`. */
  endpoint(c: Case): string {
    return `${c}.hostile.test=${this.registry.url}/${c}/v2`;
  }

  /** Every Authorization header either server received, with the origin it was sent to. */
  authorizations(): AuthorizationSeen[] {
    return [...this.registry.requests, ...this.elsewhere.requests]
      .filter((r) => r.headers.authorization)
      .map((r) => ({ origin: `http://${r.headers.host}`, url: r.url, authorization: String(r.headers.authorization) }));
  }

  async stop(): Promise<void> {
    for (const drip of this.drips) clearInterval(drip);
    for (const res of this.open) res.destroy();
    await this.registry.stop();
    await this.elsewhere.stop();
  }

  private park(res: ServerResponse): void {
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
    this.onPark();
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const match = /^\/([a-z-]+)(\/v2\/.*)$/.exec(req.url ?? '');
    const reply = match ? this.replies[match[1] as Case] : undefined;
    if (!reply) return void res.writeHead(404).end();
    reply(req, res, match![2]!);
  }

  private serveElsewhere(req: IncomingMessage, res: ServerResponse): void {
    if ((req.url ?? '').startsWith('/token')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"anonymous"}');
    manifest(req, res);
  }

  private challenge(header: string): Reply {
    return (_req, res) => void res.writeHead(401, { 'www-authenticate': header }).end();
  }

  private readonly replies: Record<Case, Reply> = {
    hang: (_req, res) => this.park(res),
    drip: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
      const drip = setInterval(() => res.write(' '), 5);
      this.drips.add(drip);
      res.on('close', () => clearInterval(drip));
      this.park(res);
    },
    'server-error': (_req, res) => void res.writeHead(503).end('down for maintenance'),
    'retry-after-small': (_req, res, rest) => (rest === '/v2/' ? ping(res) : void res.writeHead(429, { 'retry-after': '1' }).end()),
    'retry-after-huge': (_req, res, rest) => (rest === '/v2/' ? ping(res) : void res.writeHead(429, { 'retry-after': '86400' }).end()),
    truncated: (req, res, rest) => {
      if (rest === '/v2/' || req.method === 'HEAD') return manifest(req, res, {}, rest === '/v2/');
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'content-length': '5000' });
      res.write(MANIFEST.subarray(0, 40));
      res.socket?.destroy();
    },
    oversized: (req, res, rest) => {
      if (rest === '/v2/' || req.method === 'HEAD') return manifest(req, res, {}, rest === '/v2/');
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
      res.end(Buffer.alloc(5 * 1024 * 1024, 0x20));
    },
    'wrong-digest': (req, res) => manifest(req, res, { 'docker-content-digest': req.method === 'HEAD' ? '' : `sha256:${'1'.repeat(64)}` }),
    'missing-digest': (req, res) => manifest(req, res, {}),
    'realm-other-port': (req, res) => this.challenge(`Bearer realm="${this.elsewhere.url}/token",service="hostile"`)(req, res, ''),
    'realm-other-host': (req, res) => this.challenge(`Bearer realm="http://localhost:${this.registry.port}/honest/token",service="hostile"`)(req, res, ''),
    'realm-other-scheme': (req, res) => this.challenge(`Bearer realm="https://127.0.0.1:${this.registry.port}/token",service="hostile"`)(req, res, ''),
    'redirect-loop': (req, res, rest) => (rest === '/v2/' ? ping(res) : void res.writeHead(307, { location: req.url }).end()),
    'bad-challenge': this.challenge('Bearer realm="not a url",service=="'),
    'no-realm': this.challenge('Bearer service="hostile",,,'),
    'big-index': (req, res, rest) => (rest === '/v2/' ? ping(res) : manifest(req, res, { 'content-type': 'application/vnd.oci.image.index.v1+json', 'docker-content-digest': BIG_INDEX_DIGEST }, false, BIG_INDEX)),
    'endless-tags': (req, res, rest) => {
      if (!rest.includes('/tags/list')) return rest === '/v2/' ? ping(res) : manifest(req, res, /manifests\/latest$/.test(rest) ? undefined : { 'docker-content-digest': `sha256:${'2'.repeat(64)}` });
      const page = Number(/last=t(\d+)/.exec(rest)?.[1] ?? '0') + 1;
      res.writeHead(200, { 'content-type': 'application/json', link: `</endless-tags/v2/x/tags/list?n=1000&last=t${page}>; rel="next"` });
      res.end(JSON.stringify({ name: 'x', tags: [`0.0.${page}`, ...Array.from({ length: 999 }, (_, i) => `t${page}-${i}`)] }));
    },
    'huge-tag-page': (req, res, rest) => {
      if (!rest.includes('/tags/list')) return rest === '/v2/' ? ping(res) : manifest(req, res);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ name: 'x', tags: Array.from({ length: 150_000 }, (_, i) => `b${i}`) }));
    },
    'redirect-other-port': this.basicThen((_req, res) => void res.writeHead(307, { location: `${this.elsewhere.url}/v2/x/manifests/1.0.0` }).end()),
    'redirect-other-host': this.basicThen((_req, res) => void res.writeHead(307, { location: `http://localhost:${this.registry.port}/honest/v2/x/manifests/1.0.0` }).end()),
    honest: (req, res, rest) => (rest === '/v2/' ? ping(res) : manifest(req, res)),
  };

  /** Asks for Basic auth (so the client has a credential to carry), then replies as told once it has it. */
  private basicThen(then: Reply): Reply {
    return (req, res, rest) => {
      if (!req.headers.authorization) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="hostile"' }).end();
      if (rest === '/v2/') return ping(res);
      then(req, res, rest);
    };
  }
}

function ping(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
}

/** The honest manifest (or `body`), with the right digest header unless `headers` says otherwise ('' drops it). */
function manifest(req: IncomingMessage, res: ServerResponse, headers: Record<string, string> = { 'docker-content-digest': MANIFEST_DIGEST }, isPing = false, body = MANIFEST): void {
  if (isPing) return ping(res);
  const out: Record<string, string> = { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'content-length': String(body.length) };
  for (const [key, value] of Object.entries(headers)) if (value) out[key] = value;
  res.writeHead(200, out);
  res.end(req.method === 'HEAD' ? undefined : body);
}
