import type { RunningApp } from '../harness/app.js';
import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import type { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pullRequestPayload } from '../harness/fake-github/webhooks.js';
import { pushImage } from '../harness/push.js';

const REPO = 'acme/gitops';
const SOURCE_CALLS = /\/pulls\/\d+\/files$|\/git\/trees\/|\/graphql$/;

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'GitHub calls per analysis', () => {
  let stack: AppStack;
  let github: FakeGitHub;
  let app: RunningApp;
  let digest: string;

  beforeAll(async () => {
    stack = await startAppStack();
    ({ github, app } = stack);
    digest = await pushImage({ url: stack.registry.url }, 'library/nginx', ['1.27.3'], 'docker-list');
  });
  afterAll(() => stack?.stop());

  test.each([10, 100, 500])('a PR changing %i files reads them in at most 6 + ceil(files/100) calls, never one per file', async (files) => {
    const tree = (version: string): Record<string, string> => Object.fromEntries(Array.from({ length: files }, (_, i) => [`apps/app-${i}/values.yaml`, `# ${version}\nimage:\n  repository: nginx\n  tag: 1.27.3\n  digest: ${digest}\n`]));
    const base = github.state.commit(tree('v1'));
    const head = github.state.commit(tree('v2'));
    github.state.setDefaultBranch(REPO, base);
    github.state.openPull(REPO, files, base, head);
    github.calls.length = 0;
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', { owner: 'acme', repo: 'gitops', number: files, headSha: head, baseSha: base }));
    await app.queue.onIdle();
    expect(github.state.checkRuns.find((r) => r.head_sha === head)).toMatchObject({ status: 'completed', conclusion: 'success' });
    const source = github.calls.filter((c) => SOURCE_CALLS.test(c.path)).length;
    expect(source).toBeLessThanOrEqual(6 + Math.ceil(files / 100));
    // Everything else is a fixed handful: the live head (twice), config (repository, then org), check run (3:
    // the look-up of a run a failed attempt left in progress, create, complete), the comment list, and the
    // look-up of an open follow-up PR.
    const rest = github.calls.filter((c) => !SOURCE_CALLS.test(c.path) && !c.path.includes('access_tokens')).length;
    expect(rest).toBeLessThanOrEqual(9);
  }, 120_000); // 500 files on a shared 2-core machine: a generous limit, not a timing claim.
});
