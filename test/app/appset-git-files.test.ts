import type { RunningApp } from '../harness/app.js';
import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import type { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pullRequestPayload } from '../harness/fake-github/webhooks.js';
import { pushImage } from '../harness/push.js';

const REPO = 'acme/gitops';
// One Application per apps/*/release.json; the PR changes only the ApplicationSet, and the JSON files are untouched.
const appset = (registry: string) => `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: web
spec:
  goTemplate: true
  generators:
    - git:
        repoURL: https://github.com/acme/gitops.git
        revision: HEAD
        files:
          - path: apps/*/release.json
  template:
    metadata:
      name: '{{ .path.basename }}'
    spec:
      project: default
      source:
        repoURL: https://charts.acme.example
        chart: web
        targetRevision: 1.0.0
        helm:
          valuesObject:
            image: '${registry}/library/nginx:{{ .tag }}'
      destination:
        server: https://kubernetes.default.svc
        namespace: '{{ .path.basename }}'
`;

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'a PR that changes an ApplicationSet whose git files generator reads untouched JSON files', () => {
  let stack: AppStack;
  let github: FakeGitHub;
  let app: RunningApp;

  beforeAll(async () => {
    stack = await startAppStack((url) => ({ IMAGEPIN_ENDPOINTS: `docker.io=${url}/v2` }));
    ({ github, app } = stack);
    await pushImage({ url: stack.registry.url }, 'library/nginx', ['latest', '1.27.3'], 'docker-list');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  test('the JSON files are fetched from the tree listing, and the element that runs :latest is a finding naming its file', async () => {
    const tree = (registry: string) => ({ 'argocd/web.yaml': appset(registry), 'apps/shop/release.json': '{"tag": "latest"}\n', 'apps/blog/release.json': '{"tag": "1.27.3"}\n' });
    const base = github.state.commit(tree('registry.acme.example'));
    const head = github.state.commit(tree('docker.io'));
    github.state.setDefaultBranch(REPO, base);
    github.state.openPull(REPO, 1, base, head);
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', { owner: 'acme', repo: 'gitops', number: 1, headSha: head, baseSha: base }));
    await app.queue.onIdle();
    const comment = github.state.comments.find((c) => c.issue === 1)?.body ?? '';
    expect(comment).toContain('Runs as `docker.io/library/nginx:latest` in ApplicationSet `web` element 1 (set by apps/shop/release.json:1)');
    expect(comment).toContain('`nginx:latest` is a floating tag');
    expect(comment).toContain('Runs as `docker.io/library/nginx:1.27.3` in ApplicationSet `web` element 0 (set by [apps/blog/release.json:1]');
    // Fetched in the PR's blob batches, not reported as unread.
    expect(comment).not.toMatch(/release\.json, but|which imagepin did not read|was not fetched/);
  });
});
