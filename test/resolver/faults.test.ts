import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { ref } from '../helpers/ref.js';
import { CredentialStore } from '../../src/resolver/credentials.js';
import { createResolver, type ResolverConfig } from '../../src/resolver/index.js';
import { TestServer } from '../harness/http-server.js';

const MANIFEST = Buffer.from('{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{},"layers":[]}');
const DIGEST = `sha256:${createHash('sha256').update(MANIFEST).digest('hex')}`;

function ok(res: ServerResponse, method: string, headers: Record<string, string> = { 'docker-content-digest': DIGEST }): void {
  res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'content-length': String(MANIFEST.length), ...headers });
  res.end(method === 'HEAD' ? undefined : MANIFEST);
}

/** A registry that misbehaves by repository name. */
let attempts = 0;
const faulty = new TestServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const repo = /^\/v2\/([^/]+)\//.exec(url.pathname)?.[1] ?? '';
  const method = req.method ?? 'GET';
  if (url.pathname === '/v2/') return void res.writeHead(200).end('{}');
  switch (repo) {
    case 'fine':
      return ok(res, method);
    case 'counted':
      return ok(res, method, { 'docker-content-digest': DIGEST, 'ratelimit-remaining': '97;w=21600' });
    case 'slow':
      return; // never answers
    case 'broken':
      return void res.writeHead(500).end('boom');
    case 'limited-once':
      if (attempts++ === 0) return void res.writeHead(429, { 'retry-after': '1' }).end();
      return ok(res, method);
    case 'limited':
      return void res.writeHead(429, { 'retry-after': '2' }).end();
    case 'limited-long':
      return void res.writeHead(429, { 'retry-after': '3600' }).end();
    case 'nodigest':
      return ok(res, method, {});
    case 'truncated':
      if (method === 'HEAD') return ok(res, method, {});
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      res.write(MANIFEST);
      return void res.socket?.destroy();
    case 'badheader':
      return ok(res, method, { 'docker-content-digest': 'sha256:not-hex' });
    case 'liar':
      if (method === 'HEAD') return ok(res, method, {});
      return ok(res, method, { 'docker-content-digest': `sha256:${'1'.repeat(64)}` });
    case 'huge':
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ tags: Array.from({ length: 5000 }, (_, i) => `1.0.${i}`) }));
    case 'redirect':
      res.writeHead(307, { location: `http://localhost:${other.port}/v2/fine/manifests/1.0.0` }).end();
      return;
    case 'metadata':
      return void res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    case 'foreign-realm':
      return void res.writeHead(401, { 'www-authenticate': `Bearer realm="http://localhost:${other.port}/token",service="x"` }).end();
  }
  res.writeHead(404).end();
});
/** Another host (reached as `localhost`) that serves manifests and tokens to anyone. */
const other = new TestServer((req, res) => {
  if ((req.url ?? '').startsWith('/token')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"anonymous"}');
  ok(res, req.method ?? 'GET');
});

beforeAll(async () => {
  await faulty.start();
  await other.start();
});
afterAll(async () => {
  await faulty.stop();
  await other.stop();
});

const sleeps: number[] = [];
function stack(extra: Partial<ResolverConfig> = {}) {
  sleeps.length = 0;
  return createResolver({
    endpoints: [`faulty.example=${faulty.url}/v2`],
    http: { timeoutMs: 300, retries: 2, backoffMs: 1, maxRetryAfterMs: 5_000, sleep: async (ms) => void sleeps.push(ms), ...extra.http },
    ...extra,
  });
}

async function resolveOne(name: string, config?: Partial<ResolverConfig>) {
  const s = stack(config);
  const result = await s.resolver.resolve(ref(`faulty.example/${name}:1.0.0`));
  await s.close();
  return result;
}

test.each([
  ['slow', 'timeout', expect.stringMatching(/^registry 127\.0\.0\.1:\d+ did not answer within 300 ms$/)],
  ['broken', 'registry-error', 'faulty.example answered HTTP 500 for faulty.example/broken:1.0.0'],
  ['limited', 'rate-limited', 'faulty.example is rate limiting imagepin (HTTP 429)'],
  ['limited-long', 'rate-limited', 'faulty.example is rate limiting imagepin (HTTP 429)'],
  ['missing', 'not-found', 'faulty.example/missing:1.0.0 does not exist in faulty.example'],
  ['truncated', 'registry-error', expect.stringContaining('registry unreachable')],
  ['badheader', 'registry-error', 'faulty.example sent an invalid digest header "sha256:not-hex" for faulty.example/badheader:1.0.0'],
  ['liar', 'registry-error', 'the manifest faulty.example sent for faulty.example/liar:1.0.0 does not match its digest'],
  ['metadata', 'blocked', expect.stringContaining('169.254.169.254 is a private or local address')],
])('%s: a typed, explained failure, never a wrong digest', async (name, kind, message) => {
  const result = await resolveOne(name);
  expect(result).toMatchObject({ status: 'unresolved', error: { kind, message } });
  expect(result.digest).toBeUndefined();
});

test('429 with Retry-After: waits as asked, then succeeds', async () => {
  attempts = 0;
  expect(await resolveOne('limited-once')).toMatchObject({ status: 'resolved', digest: DIGEST });
  expect(sleeps).toEqual([1000]);
});

test('429 asking for longer than the cap is not waited for', async () => {
  await resolveOne('limited-long');
  expect(sleeps).toEqual([]);
});

test('a registry that sends no digest header is asked once by GET, and the digest is computed from the bytes', async () => {
  const s = stack();
  expect(await s.resolver.resolve(ref('faulty.example/nodigest:1.0.0'))).toMatchObject({ status: 'resolved', digest: DIGEST });
  expect(faulty.requests.filter((r) => r.url.startsWith('/v2/nodigest/')).map((r) => r.method)).toEqual(['HEAD', 'GET']);
  await s.close();
});

test('Docker Hub\'s ratelimit-remaining is read and kept per registry', async () => {
  const s = stack();
  await s.resolver.resolve(ref('faulty.example/counted:1.0.0'));
  expect(Object.fromEntries(s.client.rateLimitRemaining)).toEqual({ 'faulty.example': 97 });
  await s.close();
});

test('responses over the size cap are refused', async () => {
  const s = stack({ http: { maxBodyBytes: 1000 } });
  await expect(s.client.tags('faulty.example', 'huge')).rejects.toThrow('registry response is over the 1000-byte limit');
  await s.close();
});

test('a redirect to another host does not carry the credentials', async () => {
  other.requests.length = 0;
  const credentials = CredentialStore.fromDockerConfig(JSON.stringify({ auths: { [faulty.host]: { username: 'u', password: 'p' } } }));
  faulty.setHandler(((handler) => (req, res) => {
    // Ask for Basic auth so the client has credentials to (not) forward.
    if (req.url === '/v2/') return void res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end();
    return handler(req, res);
  })(faultyHandler));
  const result = await resolveOne('redirect', { credentials, allowHosts: ['localhost'] });
  faulty.setHandler(faultyHandler);
  expect(result).toMatchObject({ status: 'resolved', digest: DIGEST });
  const sentToRegistry = faulty.requests.filter((r) => r.url.startsWith('/v2/redirect/'));
  expect(sentToRegistry.at(-1)?.headers.authorization).toBe('Basic dTpw');
  expect(other.requests.map((r) => [r.url, r.headers.authorization])).toEqual([['/v2/fine/manifests/1.0.0', undefined]]);
});

test('a token realm on another host gets no credentials, only an anonymous token request', async () => {
  other.requests.length = 0;
  const credentials = CredentialStore.fromDockerConfig(JSON.stringify({ auths: { [faulty.host]: { username: 'u', password: 'p' } } }));
  const result = await resolveOne('foreign-realm', { credentials, allowHosts: ['localhost'] });
  expect(result.error?.kind).toBe('unauthorized');
  expect(other.requests.map((r) => [r.url.split('?')[0], r.headers.authorization])).toEqual([['/token', undefined]]);
});

const faultyHandler = (faulty as unknown as { handler: Parameters<TestServer['setHandler']>[0] }).handler;
