import type { RunningApp } from '../harness/app.js';
import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import { ManualClock } from '../harness/clock.js';
import { badGateway, secondaryRateLimit } from '../harness/fake-github/faults.js';
import type { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pullRequestPayload } from '../harness/fake-github/webhooks.js';
import { pushImage } from '../harness/push.js';

const REPO = 'acme/gitops';
const R = '^/repos/acme/gitops';
const deploy = (image: string, note = '') => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n${note}`;

/** Every endpoint the app writes to on a PR, and which PR reaches it: a new one, a second push (updates), or a fork. */
const WRITES: { name: string; method: string; route: string; pr: 'new' | 'push' | 'fork'; output: 'check' | 'comment' | 'follow-up' | 'review' }[] = [
  { name: 'check run create', method: 'POST', route: `${R}/check-runs$`, pr: 'new', output: 'check' },
  { name: 'check run update', method: 'PATCH', route: `${R}/check-runs/\\d+$`, pr: 'new', output: 'check' },
  { name: 'comment create', method: 'POST', route: `${R}/issues/\\d+/comments$`, pr: 'new', output: 'comment' },
  { name: 'comment update', method: 'PATCH', route: `${R}/issues/comments/\\d+$`, pr: 'push', output: 'comment' },
  { name: 'follow-up tree', method: 'POST', route: `${R}/git/trees$`, pr: 'new', output: 'follow-up' },
  { name: 'follow-up commit', method: 'POST', route: `${R}/git/commits$`, pr: 'new', output: 'follow-up' },
  { name: 'follow-up branch create', method: 'POST', route: `${R}/git/refs$`, pr: 'new', output: 'follow-up' },
  { name: 'follow-up branch update', method: 'PATCH', route: `${R}/git/refs/.+$`, pr: 'push', output: 'follow-up' },
  { name: 'follow-up PR create', method: 'POST', route: `${R}/pulls$`, pr: 'new', output: 'follow-up' },
  { name: 'follow-up PR update', method: 'PATCH', route: `${R}/pulls/\\d+$`, pr: 'push', output: 'follow-up' },
  { name: 'fork review', method: 'POST', route: `${R}/pulls/\\d+/reviews$`, pr: 'fork', output: 'review' },
];

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'GitHub write failures, with Octokit retry and throttling on', () => {
  let stack: AppStack;
  let github: FakeGitHub;
  let app: RunningApp;
  let base: string;
  let number = 0;
  const clock = new ManualClock();

  beforeAll(async () => {
    stack = await startAppStack((url) => ({ IMAGEPIN_ENDPOINTS: `docker.io=${url}/v2` }), clock, 'production');
    ({ github, app } = stack);
    await pushImage({ url: stack.registry.url }, 'library/nginx', ['1.27.3', 'latest'], 'docker-list');
    base = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:1.27.3'), '.github/imagepin.yml': 'rules:\n  unpinned-digest: off\n' });
    github.state.setDefaultBranch(REPO, base);
  });
  afterEach(() => github.faults.clear());
  afterAll(() => stack?.stop());

  const facts = (n: number, headSha: string, fork?: string) => ({ owner: 'acme', repo: 'gitops', number: n, headSha, baseSha: base, ...(fork && { fork }) });
  const checks = (sha: string) => github.state.checkRuns.filter((r) => r.head_sha === sha);
  const comments = (n: number) => github.state.comments.filter((c) => c.issue === n);
  const followUps = (n: number) => [...github.state.created.values()].filter((pr) => pr.head === `imagepin/pin/${n}`);
  const reviews = (n: number) => github.state.reviews.filter((r) => r.number === n);
  const sync = async (n: number, sha: string, fork?: string) => {
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('synchronize', facts(n, sha, fork)));
    await app.queue.onIdle();
  };

  /** A PR that adds nginx:latest (one floating-tag finding, fixable); for 'push', the fault is armed only for its second head. */
  async function run(pr: 'new' | 'push' | 'fork', arm: () => void): Promise<{ n: number; head: string }> {
    const n = ++number;
    const fork = pr === 'fork' ? 'mallory/gitops' : undefined;
    const first = github.state.commit({ 'apps/web/deploy.yaml': deploy('nginx:latest'), '.github/imagepin.yml': 'rules:\n  unpinned-digest: off\n' });
    github.state.openPull(REPO, n, base, first, { fork });
    if (pr !== 'push') arm();
    await sync(n, first, fork);
    if (pr !== 'push') return { n, head: first };
    const second = github.state.push(REPO, n, { 'apps/web/deploy.yaml': deploy('nginx:latest', '# v2\n'), '.github/imagepin.yml': 'rules:\n  unpinned-digest: off\n' });
    arm();
    await sync(n, second);
    return { n, head: second };
  }

  const failing = { status: 'completed', conclusion: 'failure', output: expect.objectContaining({ title: '1 error: blocks the merge' }) };

  test.each(WRITES)('a secondary rate limit on $name is retried after retry-after: every output written once', async (w) => {
    let fault = { hits: -1 };
    const { n, head } = await run(w.pr, () => void (fault = github.faults.inject(w.method, new RegExp(w.route), secondaryRateLimit(60), 1)));
    expect(fault.hits).toBe(1);
    expect(checks(head)).toEqual([expect.objectContaining(failing)]);
    expect(checks(head)[0]!.output.annotations).toHaveLength(1);
    expect(comments(n)).toHaveLength(1);
    expect(comments(n)[0]!.body).not.toContain('could not write');
    if (w.pr === 'fork') expect(reviews(n)).toHaveLength(1);
    else expect(followUps(n)).toEqual([expect.objectContaining({ state: 'open' })]);
  });

  test.each(WRITES.filter((w) => w.output !== 'check'))('a 502 on $name that outlasts the retries loses only that output, and says so', async (w) => {
    let fault = { hits: -1 };
    const { n, head } = await run(w.pr, () => void (fault = github.faults.inject(w.method, new RegExp(w.route), badGateway(), Infinity)));
    // Octokit's retry: the first call and 3 retries.
    expect(fault.hits).toBe(4);
    expect(checks(head)).toEqual([expect.objectContaining(failing)]);
    expect(checks(head)[0]!.output.annotations).toHaveLength(1);
    const notice = `GitHub answered 502 to ${w.method} /repos/acme/gitops/`;
    if (w.output === 'comment') {
      expect(checks(head)[0]!.output.summary).toContain(`imagepin could not write its comment on this pull request: ${notice}`);
      expect(comments(n).every((c) => !c.body.includes(head))).toBe(true);
      return;
    }
    expect(comments(n)).toHaveLength(1);
    const what = w.output === 'review' ? 'the review with suggested pins' : 'the follow-up PR that pins these images';
    expect(comments(n)[0]!.body).toContain(`imagepin could not write ${what}: ${notice}`);
    expect(checks(head)[0]!.output.summary).toContain(`imagepin could not write ${what}`);
    if (w.output === 'review') expect(reviews(n)).toEqual([]);
  });

  test('a 502 on every check run create: the analysis still writes the comment and the follow-up, and no run is left behind', async () => {
    const { n, head } = await run('new', () => github.faults.inject('POST', /\/check-runs$/, badGateway(), Infinity));
    expect(checks(head)).toEqual([]);
    expect(comments(n)).toHaveLength(1);
    expect(followUps(n)).toHaveLength(1);
    expect(app.handle.openChecks.size).toBe(0);
  });

  test('a 502 on every check run update: the job is retried into the same run; once GitHub is back the sweep completes it with the computed result', async () => {
    const before = github.calls.length;
    const { n, head } = await run('new', () => github.faults.inject('PATCH', /\/check-runs\/\d+$/, badGateway(), Infinity));
    expect(checks(head)).toEqual([expect.objectContaining({ status: 'in_progress' })]);
    // Three job attempts, one run: each retry found the run in progress; the comment and follow-up were not doubled.
    expect(github.calls.slice(before).filter((c) => c.method === 'POST' && c.path.endsWith('/check-runs')).length).toBe(1);
    expect([comments(n).length, followUps(n).length]).toEqual([1, 1]);
    github.faults.clear();
    clock.advance(15 * 60_000);
    await app.handle.openChecks.closeStale();
    expect(checks(head)).toEqual([expect.objectContaining(failing)]);
    expect(checks(head)[0]!.output.annotations).toHaveLength(1);
  });
});
