import { startApp, type RunningApp } from '../harness/app.js';
import { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pullRequestPayload } from '../harness/fake-github/webhooks.js';
import { freePort } from '../harness/ports.js';
import { pushImage } from '../harness/push.js';
import { TestRegistry } from '../harness/registry.js';

const REPO = 'acme/gitops';
const deploy = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;

describe('what one analysis tells the operator: registry requests on /metrics, the job on every log line', () => {
  let registry: TestRegistry;
  let github: FakeGitHub;
  let app: RunningApp;
  let metricsPort: number;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    registry = await TestRegistry.start();
    github = await new FakeGitHub().start();
    await pushImage({ url: registry.url }, 'library/nginx', ['1.27.3', 'latest'], 'docker-list');
    metricsPort = await freePort();
    const logTo = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
    app = await startApp(github.url, { IMAGEPIN_ENDPOINTS: `docker.io=${registry.url}/v2`, IMAGEPIN_METRICS_PORT: String(metricsPort), IMAGEPIN_METRICS_HOST: '127.0.0.1' }, undefined, { logTo });
  });
  afterAll(async () => {
    await app?.stop();
    await github?.stop();
    await registry?.stop();
  });

  test('registry requests are counted by host and status; every line the analysis logs names its repository, PR, head SHA and delivery', async () => {
    const base = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:1.27.3') });
    github.state.setDefaultBranch(REPO, base);
    const head = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:latest') });
    github.state.openPull(REPO, 1, base, head);
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', { owner: 'acme', repo: 'gitops', number: 1, headSha: head, baseSha: base }), 'delivery-obs');
    await app.queue.onIdle();
    expect(github.state.checkRuns.filter((c) => c.head_sha === head).map((c) => c.status)).toEqual(['completed']);

    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const host = new URL(registry.url).host;
    const counted = [...text.matchAll(/^imagepin_registry_requests_total\{host="([^"]+)",status="([^"]+)"\} (\d+)$/gm)].map(([, h, status, n]) => ({ host: h, status, n: Number(n) }));
    expect(counted.filter((c) => c.host === host && c.status === '200').map((c) => c.n > 0)).toEqual([true]);
    expect(counted.every((c) => c.host === host)).toBe(true);

    const job = lines.filter((l) => l.job === 'analyze');
    expect(job.map((l) => l.msg)).toContain('analysed');
    expect(job.map((l) => ({ repository: l.repository, pr: l.pr, sha: l.sha, delivery: l.delivery })).filter((f) => f.repository !== REPO || f.pr !== 1 || f.sha !== head || f.delivery !== 'delivery-obs')).toEqual([]);
  });
});
