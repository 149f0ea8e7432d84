import { createHash } from 'node:crypto';
import type { RunningApp } from '../harness/app.js';
import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import { packChart } from '../harness/chart.js';
import type { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pullRequestPayload } from '../harness/fake-github/webhooks.js';
import { TestServer } from '../harness/http-server.js';
import { pushImage } from '../harness/push.js';

const REPO = 'acme/gitops';
const CHART_VALUES = 'replicaCount: 1\nimage:\n  repository: nginx\n  tag: latest\n  pullPolicy: IfNotPresent\n';
const release = (replicas: number, source: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: web
  namespace: web
spec:
  interval: 1h
  chart:
    spec:
      chart: webserver
      version: 2.0.0
      sourceRef:
        kind: HelmRepository
        name: ${source}
        namespace: flux-system
  values:
    replicaCount: ${replicas}
`;
// The chart source lives in a file whose path says nothing about it: only its name links it to the HelmRelease.
const repository = (url: string) => `apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n  name: acme-charts\n  namespace: flux-system\nspec:\n  interval: 1h\n  url: ${url}\n`;

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'a PR that changes only a HelmRelease\'s values, its chart source untouched', () => {
  let stack: AppStack;
  let github: FakeGitHub;
  let app: RunningApp;
  let charts: TestServer;

  beforeAll(async () => {
    const archive = await packChart({ name: 'webserver', version: '2.0.0', appVersion: '1.27.3', values: CHART_VALUES });
    const digest = `sha256:${createHash('sha256').update(archive).digest('hex')}`;
    charts = await new TestServer((req, res) => {
      if (req.url === '/index.yaml') return void res.writeHead(200).end(`apiVersion: v1\nentries:\n  webserver:\n    - version: 2.0.0\n      digest: ${digest}\n      urls: [webserver-2.0.0.tgz]\n`);
      if (req.url === '/webserver-2.0.0.tgz') return void res.writeHead(200).end(archive);
      res.writeHead(404).end();
    }).start();
    stack = await startAppStack((url) => ({ IMAGEPIN_ENDPOINTS: `docker.io=${url}/v2`, IMAGEPIN_ALLOW_HOSTS: charts.host }));
    ({ github, app } = stack);
    await pushImage({ url: stack.registry.url }, 'library/nginx', ['latest', '1.27.3'], 'docker-list');
  });
  afterAll(async () => {
    await stack?.stop();
    await charts?.stop();
  });

  const open = async (number: number, source: string) => {
    const files = (replicas: number) => ({ 'apps/web/helmrelease.yaml': release(replicas, source), 'cluster/meta/acme-charts.yaml': repository(charts.url), 'README.md': '# gitops\n' });
    const base = github.state.commit(files(1));
    const head = github.state.commit(files(2));
    github.state.setDefaultBranch(REPO, base);
    github.state.openPull(REPO, number, base, head);
    github.calls.length = 0;
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', { owner: 'acme', repo: 'gitops', number, headSha: head, baseSha: base }));
    await app.queue.onIdle();
    return { head, comment: github.state.comments.find((c) => c.issue === number)?.body ?? '', graphql: github.calls.filter((c) => c.path.endsWith('/graphql')).length };
  };

  test('the HelmRepository is read from the tree by its name, so the chart and its default images are checked', async () => {
    const { comment, graphql } = await open(1, 'acme-charts');
    expect(charts.requests.map((r) => r.url)).toEqual(['/index.yaml', '/webserver-2.0.0.tgz']);
    // The chart's own :latest with IfNotPresent, which the repository never writes down.
    expect(comment).toContain('nginx:latest');
    expect(comment).toContain('webserver');
    expect(comment).not.toContain('is not in the files imagepin read');
    // The PR snapshot (head, config, follow-up, comments), the changed file and the listing's context in one
    // blob batch, the named source in one more.
    expect(graphql).toBe(3);
  });

  test('a HelmRepository that is nowhere in the tree is said to be missing, never silently skipped', async () => {
    const { head, comment } = await open(2, 'gone-charts');
    expect(comment).toContain('HelmRepository flux-system/gone-charts is not in the files imagepin read, so chart webserver 2.0.0 cannot be fetched and its default images are not checked');
    const check = github.state.checkRuns.find((r) => r.head_sha === head);
    expect(check?.output.summary).toContain('could not be checked');
  });
});
