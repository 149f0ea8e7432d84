import { startApp, type RunningApp } from '../harness/app.js';
import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import { ManualClock } from '../harness/clock.js';
import { badGateway, secondaryRateLimit } from '../harness/fake-github/faults.js';
import type { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pullRequestPayload, recheckCommentPayload } from '../harness/fake-github/webhooks.js';
import { pushImage } from '../harness/push.js';

const REPO = 'acme/gitops';
const CONFIG = { '.github/imagepin.yml': 'rules:\n  unpinned-digest: off\n' };
const deploy = (image: string, name = 'web') => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'the check run is always completed, with the conclusion the findings give', () => {
  let stack: AppStack;
  let github: FakeGitHub;
  let app: RunningApp;
  let base: string;
  let number = 100;
  const clock = new ManualClock();

  beforeAll(async () => {
    stack = await startAppStack((url) => ({ IMAGEPIN_ENDPOINTS: `docker.io=${url}/v2`, IMAGEPIN_CHECK_TIMEOUT: '10m' }), clock, 'production');
    ({ github, app } = stack);
    await pushImage({ url: stack.registry.url }, 'library/nginx', ['1.27.3', 'latest'], 'docker-list');
    base = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:1.27.3'), ...CONFIG });
    github.state.setDefaultBranch(REPO, base);
  });
  afterEach(() => github.faults.clear());
  afterAll(() => stack?.stop());

  const checks = (sha: string) => github.state.checkRuns.filter((r) => r.head_sha === sha);
  const open = async (files: Record<string, string>, target: RunningApp = app): Promise<{ n: number; head: string }> => {
    const n = ++number;
    const head = github.state.commit({ ...files, ...CONFIG });
    github.state.openPull(REPO, n, base, head);
    await deliver(target.webhookUrl, target.secret, 'pull_request', pullRequestPayload('opened', { owner: 'acme', repo: 'gitops', number: n, headSha: head, baseSha: base }));
    await target.queue.onIdle();
    return { n, head };
  };
  const many = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`apps/app-${i}/deploy.yaml`, deploy('nginx:latest', `app-${i}`)]));

  test('an annotation batch that cannot be written is counted in the summary; the conclusion and the other batches stand', async () => {
    // 60 findings: the completion carries 50, the second call 10, and that one meets an outage.
    github.faults.inject('PATCH', /\/check-runs\/\d+$/, badGateway(), 4, 1);
    const { head } = await open(many(60));
    const [run] = checks(head);
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '60 errors: blocks the merge' } });
    expect(run!.output.annotations).toHaveLength(50);
    expect(run!.output.summary).toMatch(/^> \[!WARNING\]\n> 10 of 60 annotations could not be written \(GitHub answered 502 to PATCH \/repos\/acme\/gitops\/check-runs\/\d+ \(Server Error\)\); every finding is listed below\./);
  });

  test('annotations GitHub refuses do not keep the check from completing', async () => {
    github.faults.inject('PATCH', /\/check-runs\/\d+$/, { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'CheckRun', code: 'invalid', field: 'annotations' }] } }, 1);
    const { head } = await open({ 'apps/web/deploy.yaml': deploy('nginx:latest') });
    expect(checks(head)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    expect(checks(head)[0]!.output.summary).toContain('1 of 1 annotations could not be written (GitHub answered 422 to PATCH');
  });

  test('a secondary rate limit that outlasts the retries on the comment: the check still completes, and says the comment is missing', async () => {
    const limit = github.faults.inject('POST', /\/issues\/\d+\/comments$/, secondaryRateLimit(1), Infinity);
    const { n, head } = await open({ 'apps/web/deploy.yaml': deploy('nginx:latest') });
    // The first call and three retries, each after retry-after.
    expect(limit.hits).toBe(4);
    expect(github.state.comments.filter((c) => c.issue === n)).toEqual([]);
    expect(checks(head)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    expect(checks(head)[0]!.output.summary).toContain('imagepin could not write its comment on this pull request: GitHub answered 403 to POST /repos/acme/gitops/issues/');
  });

  test('GitHub down for the analysis after every retry: the check fails closed, saying what happened and how to re-run', async () => {
    github.faults.inject('POST', /^\/graphql$/, badGateway(), Infinity);
    const { head } = await open({ 'apps/web/deploy.yaml': deploy('nginx:1.27.3'), 'apps/api/deploy.yaml': deploy('nginx:1.27.3', 'api') });
    // A PR with nothing wrong in it still does not pass: imagepin never looked at its files.
    expect(checks(head)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure', output: expect.objectContaining({ title: 'imagepin could not finish' }) })]);
    expect(checks(head)[0]!.output.summary).toContain('imagepin could not finish: GitHub answered 502 to POST /graphql (Server Error). This is a bug in imagepin or a GitHub outage');
    expect(app.handle.openChecks.size).toBe(0);
  });

  test('with IMAGEPIN_ON_ERROR=neutral the operator chose open: the same outage ends the check neutral', async () => {
    const lenient = await startApp(github.url, { IMAGEPIN_ENDPOINTS: `docker.io=${stack.registry.url}/v2`, IMAGEPIN_ON_ERROR: 'neutral' }, clock, { github: 'production' });
    try {
      github.faults.inject('POST', /^\/graphql$/, badGateway(), Infinity);
      const { head } = await open({ 'apps/web/deploy.yaml': deploy('nginx:latest') }, lenient);
      expect(checks(head)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'neutral', output: expect.objectContaining({ title: 'imagepin could not finish' }) })]);
    } finally {
      await lenient.stop();
    }
  });

  test('an unknown IMAGEPIN_ON_ERROR stops the app at start, naming the allowed values', async () => {
    await expect(startApp(github.url, { IMAGEPIN_ON_ERROR: 'pass' })).rejects.toThrow('IMAGEPIN_ON_ERROR must be "failure" (the default: a check imagepin could not finish blocks the merge) or "neutral" (it does not); got "pass"');
  });

  test('a run left in progress when every completion failed is closed on the next event once the timeout has passed', async () => {
    github.faults.inject('PATCH', /\/check-runs\/\d+$/, badGateway(), Infinity);
    const { head } = await open({ 'apps/web/deploy.yaml': deploy('nginx:latest') });
    expect(checks(head)).toEqual([expect.objectContaining({ status: 'in_progress' })]);
    github.faults.clear();
    clock.advance(9 * 60_000);
    const early = await open({ 'apps/web/deploy.yaml': deploy('nginx:1.27.3') });
    expect(checks(head)[0]!.status).toBe('in_progress');
    clock.advance(60_000);
    // Another PR's event, past the 10-minute timeout: the left-over run is completed with the result its job computed.
    await open({ 'apps/web/deploy.yaml': deploy('nginx:1.27.3') });
    expect(checks(head)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure', output: expect.objectContaining({ title: '1 error: blocks the merge' }) })]);
    expect(checks(early.head)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'success' })]);
    expect(app.handle.openChecks.size).toBe(0);
  });

  test('a command that cannot finish after every attempt answers on its issue with the reason', async () => {
    github.state.permissions.set(`${REPO}:maintainer`, 'write');
    const outage = github.faults.inject('GET', /\/git\/trees\/[0-9a-f]+$/, badGateway(), Infinity);
    await deliver(app.webhookUrl, app.secret, 'issue_comment', recheckCommentPayload({ owner: 'acme', repo: 'gitops', number: 77, headSha: '', baseSha: '' }, 'maintainer', '/imagepin pin-all'));
    await app.queue.onIdle();
    // Three job attempts, each with Octokit's first call and 3 retries.
    expect(outage.hits).toBe(12);
    expect(github.state.comments.filter((c) => c.issue === 77).map((c) => c.body)).toEqual([expect.stringMatching(/^imagepin could not finish `\/imagepin pin-all`: GitHub answered 502 to GET \/repos\/acme\/gitops\/git\/trees\/[0-9a-f]+ \(Server Error\)\. Ask again/)]);
  });
});
