import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import { deliver, pullRequestPayload } from '../harness/fake-github/webhooks.js';
import { pushImage } from '../harness/push.js';

const deploy = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'the policy from the organisation and _extends, end to end', () => {
  let stack: AppStack;
  let number = 300;

  beforeAll(async () => {
    stack = await startAppStack();
    await pushImage({ url: stack.registry.url }, 'library/nginx', ['latest'], 'docker-list');
  });
  afterAll(() => stack?.stop());

  /** A PR adding a floating tag to acme/<repo>, which has no config of its own. */
  const analyse = async (repo: string) => {
    const { github, app } = stack;
    const base = github.state.commit({ 'README.md': 'hi\n' });
    const head = github.state.commit({ 'README.md': 'hi\n', 'apps/web/deploy.yaml': deploy('nginx:latest') });
    github.state.setDefaultBranch(`acme/${repo}`, base);
    github.state.openPull(`acme/${repo}`, ++number, base, head);
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', { owner: 'acme', repo, number, headSha: head, baseSha: base }));
    await app.queue.onIdle();
    return github.state.checkRuns.find((r) => r.head_sha === head)!;
  };

  test('the organisation .github file and the file it extends decide the check', async () => {
    const { github } = stack;
    github.state.setDefaultBranch('acme/.github', github.state.commit({ '.github/imagepin.yml': '_extends: policies:lenient.yml\n' }));
    github.state.setDefaultBranch('acme/policies', github.state.commit({ 'lenient.yml': 'failOn: never\n' }));
    expect(await analyse('one')).toMatchObject({ status: 'completed', conclusion: 'success' });
    // Without the organisation's policy the same PR fails: the floating tag is an error by default.
    github.state.defaultHead.delete('acme/.github');
    expect(await analyse('two')).toMatchObject({ status: 'completed', conclusion: 'failure' });
  });

  test('an organisation config GitHub refuses to show fails the check closed and names it, never "no config"', async () => {
    const { github } = stack;
    github.state.setDefaultBranch('acme/.github', github.state.commit({ '.github/imagepin.yml': 'failOn: never\n' }));
    github.schema.forbidden.add('acme/.github');
    const check = await analyse('three');
    github.schema.forbidden.clear();
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'imagepin could not finish' } });
    expect(check.output.summary).toContain('GitHub could not give acme/.github:.github/imagepin.yml (FORBIDDEN');
  });
});
