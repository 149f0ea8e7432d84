import { startApp, type RunningApp } from '../harness/app.js';
import { describeWithBinary } from '../harness/binaries.js';
import type { FakeGitHub } from '../harness/fake-github/server.js';
import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { badGateway } from '../harness/fake-github/faults.js';
import { deliver, pullRequestPayload, recheckCommentPayload } from '../harness/fake-github/webhooks.js';
import { pushImage } from '../harness/push.js';
import { freePort } from '../harness/ports.js';

const REPO = 'acme/gitops';
const deploy = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'the app under forks, drafts, bad config, races, load and failures', () => {
  let stack: AppStack;
  let github: FakeGitHub;
  let app: RunningApp;
  let base: string;

  beforeAll(async () => {
    stack = await startAppStack((url) => ({ IMAGEPIN_ENDPOINTS: `docker.io=${url}/v2`, IMAGEPIN_ANALYZE_DRAFTS: 'false' }));
    ({ github, app } = stack);
    await pushImage({ url: stack.registry.url }, 'library/nginx', ['1.27.3', 'latest'], 'docker-list');
    base = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:1.27.3'), '.github/imagepin.yml': 'rules:\n  unpinned-digest: off\n' });
    github.state.setDefaultBranch(REPO, base);
  });
  afterAll(() => stack?.stop());

  const facts = (number: number, headSha: string, extra: Record<string, unknown> = {}) => ({ owner: 'acme', repo: 'gitops', number, headSha, baseSha: base, ...extra });
  const comments = (number: number) => github.state.comments.filter((c) => c.issue === number);
  const checks = (sha: string) => github.state.checkRuns.filter((r) => r.head_sha === sha);
  const open = async (number: number, image: string, options: { draft?: boolean; fork?: string; extra?: Record<string, string> } = {}): Promise<string> => {
    const head = github.state.commit({ 'apps/web/deploy.yaml': deploy(image), '.github/imagepin.yml': 'rules:\n  unpinned-digest: off\n', ...options.extra });
    github.state.openPull(REPO, number, base, head, options);
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', facts(number, head, options)));
    await app.queue.onIdle();
    return head;
  };

  test('a fork PR is analysed from the base repository and nothing is written to the fork', async () => {
    const head = await open(10, 'nginx:latest', { fork: 'mallory/gitops' });
    expect(checks(head)).toEqual([expect.objectContaining({ repo: REPO, conclusion: 'failure' })]);
    expect(comments(10)).toHaveLength(1);
    expect(github.calls.filter((c) => c.path.includes('mallory'))).toEqual([]);
  });

  test('draft PRs are skipped when the operator says so', async () => {
    const head = await open(11, 'nginx:latest', { draft: true });
    expect([checks(head), comments(11)]).toEqual([[], []]);
  });

  test('the policy comes from the default branch: a PR cannot turn a rule off for itself', async () => {
    const head = await open(12, 'nginx:latest', { extra: { '.github/imagepin.yml': 'rules:\n  floating-tag: off\n' } });
    expect(checks(head)[0]?.output.annotations.map((a) => a.title)).toEqual(['Floating tag (floating-tag)']);
  });

  test('an invalid config on the default branch is shown in the check and the comment, with a guess; the rest of the policy applies', async () => {
    const broken = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:1.27.3'), '.github/imagepin.yml': 'rules:\n  floating-tag: warning\n  unpinned-digest: loud\nfailOn: warnin\nignor:\n  paths: []\n' });
    github.state.setDefaultBranch(REPO, broken);
    const head = await open(13, 'nginx:latest');
    github.state.setDefaultBranch(REPO, base);
    const summary = checks(head)[0]?.output.summary;
    expect(summary).toContain('`rules.unpinned-digest` must be one of off, info, warning, error (got "loud"). The rule keeps its default severity.');
    expect(summary).toContain('`failOn` must be one of error, warning, never (got "warnin"); did you mean `warning`? The default `"error"` was used.');
    expect(summary).toContain('`ignor` is not a known key; did you mean `ignore`? It was ignored.');
    // The valid key still applies: floating-tag is a warning, below the default failOn (error), so the check passes.
    expect(checks(head)[0]).toMatchObject({ conclusion: 'success', output: { annotations: [expect.objectContaining({ title: 'Floating tag (floating-tag)', annotation_level: 'warning' })] } });
    expect(comments(13)[0]?.body).toContain('`.github/imagepin.yml` on the default branch (with the organisation defaults it extends, if any) has problems; the rest of it applies:');
    expect(comments(13)[0]?.body).toContain('did you mean `ignore`?');
  });

  test('two quick pushes: only the newest head gets the result, an older one never overwrites it', async () => {
    const first = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:latest') });
    github.state.openPull(REPO, 14, base, first);
    const second = github.state.push(REPO, 14, { 'apps/web/deploy.yaml': deploy('nginx:1.27.3\n# reviewed') });
    // Delivered newest first, then the older one, as GitHub may well do.
    await Promise.all([
      deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('synchronize', facts(14, second))),
      deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('synchronize', facts(14, first))),
    ]);
    await app.queue.onIdle();
    // Each job analyses the PR's current head, so the older SHA is never analysed at all.
    expect(checks(second)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'success' })]);
    expect(checks(first)).toEqual([]);
    expect(comments(14).every((c) => !c.body.includes(first))).toBe(true);
  });

  test('a push during an analysis: the older head keeps its own true result, and the newer head\'s job replaces the comment', async () => {
    const first = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:latest') });
    github.state.openPull(REPO, 15, base, first);
    let second = '';
    let queries = 0;
    // The push lands once the files are read (the second GraphQL query): the head was read once, before.
    github.onCall = (path) => {
      if (path === '/graphql' && ++queries === 2) second = github.state.push(REPO, 15, { 'apps/web/deploy.yaml': deploy('nginx:latest\n# v2') });
    };
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', facts(15, first)));
    await app.queue.onIdle();
    github.onCall = undefined;
    // A check run belongs to its commit: the result for `first` is true of `first`.
    expect(checks(first)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
    // Jobs of one PR run one at a time, so the push's own job runs after and its result is the one left.
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('synchronize', facts(15, second)));
    await app.queue.onIdle();
    expect(checks(second)).toEqual([expect.objectContaining({ conclusion: 'failure' })]);
    expect(comments(15)).toHaveLength(1);
    expect([comments(15)[0]!.body.includes(second), comments(15)[0]!.body.includes(first)]).toEqual([true, false]);
  });

  test.each([
    ['the comment', 30, 'POST', /\/issues\/\d+\/comments$/],
    ['the follow-up PR', 31, 'POST', /\/git\/trees$/],
  ] as const)('%s failed: a later delivery for the same head adds no second check run; /imagepin recheck writes it', async (_output, number, method, route) => {
    const fault = github.faults.inject(method, route, badGateway(), 1);
    const head = await open(number, 'nginx:latest');
    expect(fault.hits).toBe(1);
    expect(checks(head)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure', output: expect.objectContaining({ summary: expect.stringContaining('could not write') }) })]);
    // Another event for the same head (an older push's delivery, reopened, a redelivery): the verdict is out already.
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('synchronize', facts(number, head)));
    await app.queue.onIdle();
    expect(checks(head)).toHaveLength(1);
    // What the check tells the user to do writes the missing output, in a new run as GitHub's re-run does.
    github.state.permissions.set(`${REPO}:maintainer`, 'write');
    await deliver(app.webhookUrl, app.secret, 'issue_comment', recheckCommentPayload(facts(number, head), 'maintainer'));
    await app.queue.onIdle();
    expect(checks(head).map((c) => [c.status, c.conclusion])).toEqual([['completed', 'failure'], ['completed', 'failure']]);
    expect(checks(head)[1]!.output.summary).not.toContain('could not write');
    expect(comments(number)).toHaveLength(1);
    expect([...github.state.created.values()].filter((p) => p.head === `imagepin/pin/${number}`)).toHaveLength(1);
  });

  test('200 concurrent deliveries across 50 PRs: each PR ends with one comment and one completed check for its latest head', async () => {
    const prs = Array.from({ length: 50 }, (_, i) => 100 + i);
    const shas = new Map<number, string[]>();
    for (const number of prs) {
      const list = [github.state.commit({ 'apps/web/deploy.yaml': deploy(`nginx:latest\n# ${number} v0`) })];
      github.state.openPull(REPO, number, base, list[0]!);
      for (let v = 1; v < 4; v++) list.push(github.state.push(REPO, number, { 'apps/web/deploy.yaml': deploy(`nginx:latest\n# ${number} v${v}`) }));
      shas.set(number, list);
    }
    const deliveries = prs.flatMap((number) => shas.get(number)!.map((sha) => ({ number, sha })));
    deliveries.sort(() => Math.random() - 0.5);
    const responses = await Promise.all(deliveries.map((d) => deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('synchronize', facts(d.number, d.sha)))));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([200]));
    await app.queue.onIdle();
    for (const number of prs) {
      const latest = shas.get(number)!.at(-1)!;
      expect({ number, comments: comments(number).length, latest: checks(latest).map((c) => [c.status, c.conclusion]) }).toEqual({ number, comments: 1, latest: [['completed', 'failure']] });
      expect(comments(number)[0]!.body).toContain(latest);
    }
  }, 180_000); // 200 analyses on a shared 2-core machine: a generous limit, not a timing claim.

  test('a registry that is down makes findings say "unresolved", and the check still completes', async () => {
    const down = await startApp(github.url, { IMAGEPIN_ENDPOINTS: `docker.io=http://127.0.0.1:${await freePort()}/v2` });
    const head = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:latest') });
    github.state.openPull(REPO, 20, base, head);
    await deliver(down.webhookUrl, down.secret, 'pull_request', pullRequestPayload('opened', facts(20, head)));
    await down.queue.onIdle();
    await down.stop();
    expect(checks(head)).toEqual([expect.objectContaining({ conclusion: 'failure' })]);
    expect(checks(head)[0]!.output.annotations[0]).toMatchObject({ title: 'Floating tag (floating-tag)', message: expect.stringContaining('unresolved: registry unreachable (ECONNREFUSED') });
  });

  test('a GitHub outage mid-analysis that outlasts the job retries fails the check closed, in the one run the retries shared', async () => {
    const head = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:latest') });
    github.state.openPull(REPO, 21, base, head);
    const outage = github.faults.inject('POST', /^\/graphql$/, badGateway(), Infinity);
    const before = github.calls.length;
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', facts(21, head)));
    await app.queue.onIdle();
    github.faults.clear();
    // Three attempts (the queue's retry policy), one check run: each retry found the run in the run log, without asking GitHub.
    expect(outage.hits).toBeGreaterThanOrEqual(3);
    const calls = github.calls.slice(before);
    expect([calls.filter((c) => c.path.endsWith(`/commits/${head}/check-runs`)).length, calls.filter((c) => c.method === 'POST' && c.path.endsWith('/check-runs')).length]).toEqual([0, 1]);
    expect(checks(head)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure', output: expect.objectContaining({ title: 'imagepin could not finish', summary: expect.stringContaining('imagepin could not finish: GitHub answered 502 to POST /graphql (Server Error)') }) })]);
    expect(checks(head)[0]!.output.summary).toContain('comment `/imagepin recheck`');
    expect(comments(21)).toEqual([]);
  }, 120_000); // three full attempts of an analysis
});
