// Organisation-wide defaults: Probot's context.config follows `_extends` to the organisation's
// `.github` repository. The merged policy applies, and a typo in either file is named with a guess.
import type { RunningApp } from '../harness/app.js';
import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import type { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pullRequestPayload } from '../harness/fake-github/webhooks.js';
import { pushImage } from '../harness/push.js';

const deploy = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'organisation defaults through _extends', () => {
  let stack: AppStack;
  let github: FakeGitHub;
  let app: RunningApp;

  beforeAll(async () => {
    stack = await startAppStack((url) => ({ IMAGEPIN_ENDPOINTS: `docker.io=${url}/v2` }));
    ({ github, app } = stack);
    await pushImage({ url: stack.registry.url }, 'library/nginx', ['1.27.3', 'latest'], 'docker-list');
  });
  afterAll(() => stack?.stop());

  test('the repository extends the organisation file: both apply, and the typo in the organisation file is named', async () => {
    github.state.setDefaultBranch('acme/.github', github.state.commit({ '.github/imagepin.yml': 'rules:\n  floating-tag: warning\nfailOn: eror\n' }));
    const base = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:1.27.3'), '.github/imagepin.yml': '_extends: .github\nrules:\n  unpinned-digest: off\n' });
    github.state.setDefaultBranch('acme/gitops', base);
    const head = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:latest') });
    github.state.openPull('acme/gitops', 20, base, head);
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', { owner: 'acme', repo: 'gitops', number: 20, headSha: head, baseSha: base }));
    await app.queue.onIdle();
    const [check] = github.state.checkRuns.filter((r) => r.head_sha === head);
    // floating-tag: warning comes from the organisation file although the repository sets `rules` too (a deep merge,
    // as Probot's context.config does); failOn fell back to error, so a warning passes.
    expect(check).toMatchObject({ conclusion: 'success', output: { annotations: [expect.objectContaining({ annotation_level: 'warning' })] } });
    expect(check?.output.summary).toContain('`failOn` must be one of error, warning, never (got "eror"); did you mean `error`? The default `"error"` was used.');
    const comment = github.state.comments.find((c) => c.issue === 20);
    expect(comment?.body).toContain('did you mean `error`?');
  });
});
