import { STICKY_MARKER } from '../../src/reporters/markdown.js';
import type { RunningApp } from '../harness/app.js';
import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import type { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pullRequestPayload, recheckCommentPayload } from '../harness/fake-github/webhooks.js';
import { pushImage } from '../harness/push.js';

const REPO = 'acme/gitops';
const deploy = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'the app on pull requests, end to end over HTTP', () => {
  let stack: AppStack;
  let github: FakeGitHub;
  let app: RunningApp;
  let digest: string;
  let base: string;

  beforeAll(async () => {
    stack = await startAppStack();
    ({ github, app } = stack);
    digest = await pushImage({ url: stack.registry.url }, 'library/nginx', ['1.27.3', 'latest'], 'docker-list');
    base = github.state.commit({ 'apps/web/deploy.yaml': deploy(`nginx:1.27.3@${digest}`), 'README.md': '# gitops\n' });
    github.state.setDefaultBranch(REPO, base);
  });
  afterAll(() => stack?.stop());

  const facts = (number: number, headSha: string) => ({ owner: 'acme', repo: 'gitops', number, headSha, baseSha: base });
  const comments = (number: number) => github.state.comments.filter((c) => c.issue === number);
  const checks = (sha: string) => github.state.checkRuns.filter((r) => r.head_sha === sha);

  test('a PR adding :latest gets a failing check with an annotation on the line, and one sticky comment; fixing it turns both green', async () => {
    const head = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:latest'), 'README.md': '# gitops\n' });
    github.state.openPull(REPO, 1, base, head);
    const delivery = await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', facts(1, head)));
    expect(delivery.status).toBe(200);
    await app.queue.onIdle();

    const [check] = checks(head);
    expect(check).toMatchObject({ name: 'imagepin', status: 'completed', conclusion: 'failure', output: { title: '1 error: blocks the merge', summary: expect.stringContaining('[imagepin\'s comment on the pull request](https://github.com/acme/gitops/pull/1)') } });
    expect(check!.output.annotations).toEqual([
      expect.objectContaining({ path: 'apps/web/deploy.yaml', start_line: 9, end_line: 9, annotation_level: 'failure', title: 'Floating tag (floating-tag)', message: expect.stringContaining('today it is release 1.27.3') }),
    ]);
    expect(comments(1)).toHaveLength(1);
    expect(comments(1)[0]!.body).toContain(STICKY_MARKER);
    expect(comments(1)[0]!.body).toContain(`[apps/web/deploy.yaml:9](https://github.com/acme/gitops/blob/${head}/apps/web/deploy.yaml#L9)`);
    expect(comments(1)[0]!.body).toContain(`**Fix:** Move to a release: the base branch's release \`nginx:1.27.3@${digest}\``);

    const fixed = github.state.push(REPO, 1, { 'apps/web/deploy.yaml': `# pinned by review\n${deploy(`nginx:1.27.3@${digest}`)}`, 'README.md': '# gitops\n' });
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('synchronize', facts(1, fixed)));
    await app.queue.onIdle();
    expect(checks(fixed)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'success', output: expect.objectContaining({ title: 'No new risks in 1 image reference', annotations: [] }) })]);
    expect(comments(1)).toHaveLength(1);
    expect(comments(1)[0]!.body.split('\n')[1]).toBe('### ✅ imagepin: no risks found in 1 image reference');
  });

  test('a PR with nothing to say gets a green check and no comment; one touching no image files gets a quick success', async () => {
    const clean = github.state.commit({ 'apps/web/deploy.yaml': deploy(`nginx:1.27.3@${digest}`), 'apps/web/extra.yaml': deploy(`nginx:1.27.3@${digest}`), 'README.md': '# gitops\n' });
    github.state.openPull(REPO, 2, base, clean);
    const docs = github.state.commit({ 'apps/web/deploy.yaml': deploy(`nginx:1.27.3@${digest}`), 'README.md': '# gitops, now documented\n' });
    github.state.openPull(REPO, 3, base, docs);
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', facts(2, clean)));
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', facts(3, docs)));
    await app.queue.onIdle();
    expect(checks(clean)).toEqual([expect.objectContaining({ conclusion: 'success' })]);
    expect(checks(docs)).toEqual([expect.objectContaining({ conclusion: 'success', output: expect.objectContaining({ title: 'No image files changed' }) })]);
    expect([comments(2), comments(3)]).toEqual([[], []]);
  });

  test('a redelivered webhook creates no second check run or comment', async () => {
    const head = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:latest'), 'README.md': 'x\n' });
    github.state.openPull(REPO, 4, base, head);
    const payload = pullRequestPayload('opened', facts(4, head));
    await deliver(app.webhookUrl, app.secret, 'pull_request', payload, 'delivery-4');
    await app.queue.onIdle();
    await deliver(app.webhookUrl, app.secret, 'pull_request', payload, 'delivery-4');
    await app.queue.onIdle();
    expect(checks(head)).toHaveLength(1);
    expect(comments(4)).toHaveLength(1);
  });

  test('/imagepin recheck runs again for people with write access, and is ignored for others', async () => {
    const head = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:latest'), 'README.md': 'y\n' });
    github.state.openPull(REPO, 5, base, head);
    github.state.permissions.set(`${REPO}:maintainer`, 'write');
    await deliver(app.webhookUrl, app.secret, 'issue_comment', recheckCommentPayload(facts(5, head), 'visitor'));
    await app.queue.onIdle();
    expect(checks(head)).toHaveLength(0);
    await deliver(app.webhookUrl, app.secret, 'issue_comment', recheckCommentPayload(facts(5, head), 'maintainer'));
    await app.queue.onIdle();
    expect(checks(head)).toEqual([expect.objectContaining({ conclusion: 'failure' })]);
  });

  test('unsigned or wrongly signed deliveries are refused', async () => {
    const response = await deliver(app.webhookUrl, 'wrong-secret', 'pull_request', pullRequestPayload('opened', facts(9, base)));
    expect(response.status).toBe(400);
  });
});
