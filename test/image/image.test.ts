import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describeWithBinary } from '../harness/binaries.js';
import { deliver } from '../harness/fake-github/webhooks.js';
import { freePort } from '../harness/ports.js';
import { baseImage, buildah, buildImage, runEntrypoint, type RunningContainer } from './buildah.js';

// Slow by nature: the first run makes the base (mmdebstrap) and runs npm ci twice in the build;
// later runs reuse the cached base and the layers of an unchanged lock. Times: BENCHMARKS.md.
const BUILD_MS = 40 * 60_000;
const TAG = 'localhost/imagepin:test';
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

const inBoth = (body: () => void) => describeWithBinary('mmdebstrap', 'apt-get install mmdebstrap', 'the container image (Dockerfile)', body);

describeWithBinary('buildah', 'apt-get install buildah', 'the container image, built with buildah', () => inBoth(() => {
  let container = '';
  let config: { Entrypoint: string[]; User: string; Labels: Record<string, string>; Env: string[] };

  beforeAll(() => {
    buildImage(baseImage(), TAG);
    container = buildah(['from', '--quiet', TAG]);
    config = JSON.parse(buildah(['inspect', '--type', 'image', TAG])).OCIv1.config;
  }, BUILD_MS);
  afterAll(() => {
    if (container) buildah(['rm', container]);
  });

  test('OCI labels, a non-root numeric user, node as the entrypoint, production settings', () => {
    expect(config.Labels).toMatchObject({
      'org.opencontainers.image.source': pkg.repository.url,
      'org.opencontainers.image.version': pkg.version,
      'org.opencontainers.image.licenses': pkg.license,
    });
    expect(config.User).toBe('10001:10001');
    expect(config.Entrypoint).toEqual(['node', 'dist/app/start.js']);
    expect(config.Env).toEqual(expect.arrayContaining(['NODE_ENV=production', 'HOST=0.0.0.0']));
  });

  test('production dependencies only, and the app cannot write to its own files', () => {
    const script = "const fs=require('fs');const has=(p)=>fs.existsSync('node_modules/'+p);let w='writable';try{fs.accessSync('/app/dist',fs.constants.W_OK)}catch{w='read-only'}console.log(JSON.stringify({probot:has('probot'),jest:has('jest'),typescript:has('typescript'),src:fs.existsSync('src'),w}))";
    const out = buildah(['run', '--isolation', 'chroot', container, '--', 'node', '-e', script]);
    expect(JSON.parse(out)).toEqual({ probot: true, jest: false, typescript: false, src: false, w: 'read-only' });
  });

  test('the entrypoint serves signed webhooks, /healthz and /readyz on loopback, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const secret = 'image-test-secret';
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const run: RunningContainer = runEntrypoint(container, config.Entrypoint, { APP_ID: '1', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: secret, HOST: '127.0.0.1', PORT: String(port), IMAGEPIN_SWEEP_INTERVAL: 'off' });
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(`${base}/healthz`, run);
      expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
      const ping = { zen: 'Keep it logically awesome.', hook_id: 1, hook: { type: 'App', id: 1, events: ['pull_request'] } };
      expect((await deliver(`${base}/api/github/webhooks`, secret, 'ping', ping)).status).toBe(200);
      expect((await deliver(`${base}/api/github/webhooks`, 'not-the-secret', 'ping', ping)).status).toBe(400);
      run.signalEntrypoint('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain('"signal":"SIGTERM","msg":"shutting down"');
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  }, 120_000);
}));

async function waitFor(url: string, run: RunningContainer): Promise<void> {
  for (let i = 0; i < 240; i += 1) {
    if (run.child.exitCode !== null) throw new Error(`the entrypoint exited (${run.child.exitCode}): ${run.output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer from ${url} in 60 s: ${run.output()}`);
}
