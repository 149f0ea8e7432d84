import { generateKeyPairSync } from 'node:crypto';
import { startApp, type RunningApp } from '../harness/app.js';

// The probes hit the real Probot server; they make no GitHub call, so GitHub's URL is a closed port.
const NO_GITHUB = 'http://127.0.0.1:9';
const pem = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;

async function probe(app: RunningApp, path: string, method = 'GET'): Promise<{ status: number; body: string }> {
  const res = await fetch(new URL(path, app.webhookUrl), { method });
  return { status: res.status, body: await res.text() };
}

describe('/healthz and /readyz', () => {
  const apps: RunningApp[] = [];
  const start = async (env: NodeJS.ProcessEnv) => {
    const app = await startApp(NO_GITHUB, env);
    apps.push(app);
    return app;
  };
  afterAll(async () => {
    for (const app of apps) await app.stop();
  });

  test('alive and ready when the App key parses', async () => {
    const app = await start({ PRIVATE_KEY: pem });
    expect(await probe(app, '/healthz')).toEqual({ status: 200, body: '{"status":"ok"}' });
    expect(await probe(app, '/readyz?verbose=1')).toEqual({ status: 200, body: '{"status":"ready"}' });
  });

  test('alive but not ready without a key, or with one that does not parse, and the body says what to fix', async () => {
    const missing = await start({});
    expect(await probe(missing, '/healthz')).toMatchObject({ status: 200 });
    expect(await probe(missing, '/readyz')).toEqual({ status: 503, body: JSON.stringify({ status: 'not ready', problems: ['no App key: set PRIVATE_KEY or PRIVATE_KEY_PATH'] }) });
    const broken = await start({ PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\nnot a key\n-----END RSA PRIVATE KEY-----\n' });
    const { status, body } = await probe(broken, '/readyz');
    expect(status).toBe(503);
    expect(JSON.parse(body).problems).toEqual([expect.stringMatching(/^the App key does not parse as a private key: /)]);
  });

  test('only GET is answered; the webhook path is untouched', async () => {
    const app = await start({ PRIVATE_KEY: pem });
    expect((await probe(app, '/healthz', 'POST')).status).toBe(404);
    // Probot's webhook middleware still answers its path (415: a POST with no JSON body).
    expect((await probe(app, '/api/github/webhooks', 'POST')).status).toBe(415);
  });
});
