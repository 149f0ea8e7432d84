import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { ref } from '../helpers/ref.js';
import { createResolver, resolverConfigFromEnv } from '../../src/resolver/index.js';

const DIGEST = `sha256:${'b'.repeat(64)}`;

/** A TLS registry on 127.0.0.1 that speaks HTTP/2 and HTTP/1.1 (ALPN) and records the version of each request. */
describe('HTTP/2 to a TLS registry (IMAGEPIN_REGISTRY_HTTP2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imagepin-h2-'));
  const versions: string[] = [];
  let server: Http2SecureServer;
  let port = 0;
  const defaults = getCACertificates('default');

  beforeAll(async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    setDefaultCACertificates([...defaults, cert]);
    server = createSecureServer({ key: readFileSync(join(dir, 'key.pem')), cert, allowHTTP1: true }, (req, res) => {
      versions.push(req.httpVersion);
      if (req.url === '/v2/') return res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      res.writeHead(200, { 'docker-content-digest': DIGEST, 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'content-length': '2' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    setDefaultCACertificates(defaults);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  test.each([
    ['on', '2.0'],
    ['off', '1.1'],
    [undefined, '1.1'],
  ])('IMAGEPIN_REGISTRY_HTTP2=%s: the ping and the HEADs go over HTTP %s, and resolve', async (setting, version) => {
    versions.length = 0;
    const config = resolverConfigFromEnv(setting ? { IMAGEPIN_REGISTRY_HTTP2: setting } : {});
    const stack = createResolver({ ...config, endpoints: [`docker.io=https://127.0.0.1:${port}/v2`] });
    try {
      const results = await stack.resolver.resolveAll(['1.0.0', '1.0.1', '1.0.2'].map((tag) => ref(`acme/app:${tag}`)));
      expect([...results.values()].map((r) => [r.status, r.digest])).toEqual([['resolved', DIGEST], ['resolved', DIGEST], ['resolved', DIGEST]]);
      expect(versions).toHaveLength(4);
      expect(new Set(versions)).toEqual(new Set([version]));
    } finally {
      await stack.close();
    }
  });

  test('a value other than on or off is refused with the setting named', () => {
    expect(() => resolverConfigFromEnv({ IMAGEPIN_REGISTRY_HTTP2: 'yes' })).toThrow('IMAGEPIN_REGISTRY_HTTP2 must be on or off, not "yes"');
  });
});
