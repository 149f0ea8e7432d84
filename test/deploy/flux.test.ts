import { ISSUE_MARKER, parseState } from '../../src/deploy/tracking/render.js';
import type { RunningApp } from '../harness/app.js';
import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import { ManualClock } from '../harness/clock.js';
import type { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pushPayload, statusPayload } from '../harness/fake-github/webhooks.js';
import { deleteManifest, pushImage } from '../harness/push.js';
import { deployment, fluxKustomization } from './fixtures.js';

const REPO = 'acme/gitops';
const facts = { owner: 'acme', repo: 'gitops' };
const MIN = 60_000;
const iso = (clock: ManualClock): string => new Date(clock.now()).toISOString();

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'deployment tracking with Flux, end to end', () => {
  let stack: AppStack;
  let github: FakeGitHub;
  let app: RunningApp;
  let clock: ManualClock;
  let old: string;

  beforeAll(async () => {
    clock = new ManualClock(Date.parse('2026-11-23T09:00:00Z'));
    stack = await startAppStack(undefined, clock);
    ({ github, app } = stack);
    old = await pushImage({ url: stack.registry.url }, 'acme/builds-api', ['0.0.130'], 'docker-v2');
    await pushImage({ url: stack.registry.url }, 'acme/builds-api', ['0.0.131'], 'docker-v2');
  });
  afterAll(() => stack?.stop());

  const issues = () => [...github.deploy.issues.values()].filter((i) => i.repo === REPO);
  const prComments = (number: number) => github.state.comments.filter((c) => c.repo === REPO && c.issue === number).map((c) => c.body);
  const fluxStatus = async (sha: string, unit = 'apps') => {
    github.deploy.statuses.push({ repo: REPO, sha, context: `kustomization/${unit}/7d1f0c2e`, state: 'success' });
    await deliver(app.webhookUrl, app.secret, 'status', statusPayload(facts, sha, `kustomization/${unit}/7d1f0c2e`, 'success'));
    await app.queue.onIdle();
  };

  test('merge → not deployed after the grace period → tracking issue and PR comment → Flux applies a later commit → resolved', async () => {
    const first = github.deploy.merge(REPO, {
      'clusters/prod/apps.yaml': fluxKustomization('apps', './apps/prod'),
      'apps/prod/builds-api.yaml': deployment('builds-api', 'acme/builds-api:0.0.130'),
    }, { date: iso(clock), message: 'Initial import' });
    await fluxStatus(first);
    expect(issues()).toEqual([]);
    // A CI status is not a deployment: it starts no sweep.
    const sweeps = github.count(/^\/graphql$/);
    await deliver(app.webhookUrl, app.secret, 'status', statusPayload(facts, first, 'ci/build', 'success'));
    await app.queue.onIdle();
    expect(github.count(/^\/graphql$/)).toBe(sweeps);

    clock.advance(10 * MIN);
    const merge = github.deploy.merge(REPO, { 'apps/prod/builds-api.yaml': deployment('builds-api', 'acme/builds-api:0.0.131') }, { date: iso(clock), message: 'Release builds-api 0.0.131', pr: 42 });
    await deliver(app.webhookUrl, app.secret, 'push', pushPayload(facts, first, merge));

    // Flux re-applies the old revision within the grace period: a sweep runs, and nothing is due yet.
    clock.advance(60 * MIN);
    await fluxStatus(first);
    expect(issues()).toEqual([]);

    // The push armed a check for the end of the grace period (2 h + 1 min).
    clock.advance(61 * MIN);
    await app.queue.onIdle();
    expect(issues()).toHaveLength(1);
    const [issue] = issues();
    expect(issue!.state).toBe('open');
    expect(issue!.body).toContain(ISSUE_MARKER);
    expect(issue!.body).toContain('## Merged but not deployed');
    expect(issue!.body).toMatch(/\| `[0-9a-f]{7}` \| 2 h 1 min \| \[#42\]\(https:\/\/github.com\/acme\/gitops\/pull\/42\) Release builds-api 0.0.131 \| `acme\/builds-api:0.0.130` → `acme\/builds-api:0.0.131` \| apps \|/);
    expect(parseState(issue!.body).merges.map((m) => m.sha)).toEqual([merge]);
    expect(prComments(42)).toHaveLength(1);
    expect(prComments(42)[0]).toContain(`is **not deployed**: \`apps\` has not reported a revision that contains it. imagepin tracks it in #${issue!.number}`);

    // A later sweep updates the same issue and does not comment again; the merge is not read again.
    clock.advance(30 * MIN);
    const before = github.calls.length;
    await fluxStatus(first);
    const sweep = github.calls.slice(before).filter((c) => !c.path.includes('/statuses/')).map((c) => `${c.method} ${c.path.replace(/[0-9a-f]{40}/, 'SHA')}`);
    expect(sweep).toEqual([
      // The config is read by the webhook (is this context a deployment?) and again by the stored job, which may run on
      // another replica (no file: the org's .github repository is asked too).
      'GET /repos/acme/gitops/contents/.github%2Fimagepin.yml', 'GET /repos/acme/.github/contents/.github%2Fimagepin.yml',
      'GET /repos/acme/gitops/contents/.github%2Fimagepin.yml', 'GET /repos/acme/.github/contents/.github%2Fimagepin.yml',
      // The history, the head tree, the issue; the tree at the revision the cluster runs (behind the head); the issue update.
      'GET /repos/acme/gitops', 'POST /graphql', 'GET /repos/acme/gitops/git/trees/SHA', 'POST /graphql', 'GET /repos/acme/gitops/issues',
      'GET /repos/acme/gitops/git/trees/SHA', 'POST /graphql', 'PATCH /repos/acme/gitops/issues/' + issues()[0]!.number,
    ]);
    expect(issues()).toHaveLength(1);
    expect(issues()[0]!.body).toContain('| 2 h 31 min |');
    expect(prComments(42)).toHaveLength(1);

    // Flux applies a later commit, which contains the merge.
    const later = github.deploy.merge(REPO, { 'README.md': '# platform\n' }, { date: iso(clock), message: 'Docs' });
    await fluxStatus(later);
    expect(issues()).toHaveLength(1);
    expect(issues()[0]!.state).toBe('closed');
    expect(issues()[0]!.body).toContain('All merges are deployed');
    expect(parseState(issues()[0]!.body).merges).toEqual([]);
    expect(prComments(42).at(-1)).toContain('Now deployed');
  });

  test('an image the last deployed revision runs is deleted from the registry → critical alert in the tracking issue', async () => {
    const head = github.state.defaultHead.get(REPO)!;
    await deleteManifest({ url: stack.registry.url }, 'acme/builds-api', old);
    // The cluster still runs 0.0.130: Flux last applied the first commit only, in this story.
    github.deploy.statuses.splice(0, github.deploy.statuses.length);
    const first = github.deploy.log(head, 100).at(-1)!;
    // Registry answers are cached for 10 minutes across sweeps.
    clock.advance(11 * MIN);
    await fluxStatus(first);
    const [issue] = issues();
    expect(issue!.state).toBe('open');
    expect(issue!.body).toContain('**Next pod restart fails: `builds-api:0.0.130` is gone from the registry.**');
    expect(issue!.body).toContain('`apps/prod/builds-api.yaml:11 (last deployed)`');
    expect(issue!.body).not.toContain('builds-api:0.0.131` is gone');
  });
});
