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

  test.each([10, 100, 500])('a PR changing %i files costs at most 6 + ceil(files/100) GitHub calls in all, never one per file', async (files) => {
    const tree = (version: string): Record<string, string> => Object.fromEntries(Array.from({ length: files }, (_, i) => [`apps/app-${i}/values.yaml`, `# ${version}\nimage:\n  repository: nginx\n  tag: 1.27.3\n  digest: ${digest}\n`]));
    const base = github.state.commit(tree('v1'));
    const head = github.state.commit(tree('v2'));
    github.state.setDefaultBranch(REPO, base);
    github.state.openPull(REPO, files, base, head);
    github.calls.length = 0;
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', { owner: 'acme', repo: 'gitops', number: files, headSha: head, baseSha: base }));
    await app.queue.onIdle();
    expect(github.state.checkRuns.find((r) => r.head_sha === head)).toMatchObject({ status: 'completed', conclusion: 'success' });
    const calls = github.calls.filter((c) => !c.path.includes('access_tokens'));
    // In all, as issue 17 bounds it: the PR files pages, the tree, the blob batches (500 objects each), and
    // a fixed three: one GraphQL query for the live head, the config (repository and organisation), the
    // follow-up PR and the comments; the check run created, and completed. Never one call per file.
    expect(calls.length).toBeLessThanOrEqual(6 + Math.ceil(files / 100));
    const blobBatches = Math.ceil((2 * files) / 500);
    expect(calls.filter((c) => !SOURCE_CALLS.test(c.path)).map((c) => `${c.method} ${c.path.replace(/\d+$/, 'N')}`)).toEqual(['POST /repos/acme/gitops/check-runs', 'PATCH /repos/acme/gitops/check-runs/N']);
    expect(calls.filter((c) => c.path === '/graphql')).toHaveLength(1 + blobBatches);
    expect(calls.filter((c) => c.path.endsWith('/files'))).toHaveLength(Math.ceil(files / 100));
  }, 120_000); // 500 files on a shared 2-core machine: a generous limit, not a timing claim.
});
