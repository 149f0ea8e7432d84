import type { RunningApp } from '../harness/app.js';
import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import { ManualClock } from '../harness/clock.js';
import { FakeHarbor } from '../harness/fake-harbor.js';
import type { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, statusPayload } from '../harness/fake-github/webhooks.js';
import { deleteManifest, pushImage } from '../harness/push.js';
import { deployment, fluxKustomization } from './fixtures.js';

const REPO = 'acme/platform';
const facts = { owner: 'acme', repo: 'platform' };
const MIN = 60_000;
const IMAGE = 'harbor.example.com/apps/platform/builds-api';
const RELEASES = ['0.0.127', '0.0.128', '0.0.129', '0.0.130', '0.0.131'];

/**
 * Incident 4 with protection: builds-api was deployed at 0.0.127 … 0.0.130 in turn, 0.0.131 is
 * merged and not deployed, and Harbor's retention keeps only the most recently pushed tag. The
 * images live in the real registry; the fake Harbor holds their metadata and deletes from the
 * registry what its retention run prunes.
 */
function story(mode: 'on' | 'dry-run', then: (s: { github: FakeGitHub; harbor: FakeHarbor; app: RunningApp; clock: ManualClock; sweep: () => Promise<void>; issue: () => string }) => Promise<void>): void {
  let stack: AppStack;
  let harbor: FakeHarbor;
  const clock = new ManualClock(Date.parse('2026-11-23T09:00:00Z'));
  beforeAll(async () => {
    harbor = await new FakeHarbor().start();
    harbor.projects.set('apps', { project_id: 3, name: 'apps', metadata: { retention_id: '7' } });
    harbor.retentions.set('7', { id: 7, algorithm: 'or', trigger: { kind: 'Schedule', settings: { cron: '0 0 4 * * *' } }, rules: [{ id: 1, priority: 1, disabled: false, action: 'retain', template: 'latestPushedK', params: { latestPushedK: 1 }, tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: '**' }], scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: '**' }] } }] });
    stack = await startAppStack((url) => ({
      IMAGEPIN_ENDPOINTS: `harbor.example.com=${url}/v2`, IMAGEPIN_PROTECT: mode, IMAGEPIN_PROTECT_SETTLE: '30m',
      IMAGEPIN_HARBOR_URL: harbor.url, IMAGEPIN_HARBOR_REGISTRY: 'harbor.example.com', IMAGEPIN_HARBOR_USERNAME: harbor.username, IMAGEPIN_HARBOR_PASSWORD: harbor.password,
    }), clock);
    const registry = { url: stack.registry.url };
    const artifacts = [];
    for (const [i, tag] of RELEASES.entries()) {
      const pushed = new Date(Date.parse('2026-11-01T06:00:00Z') + i * 86_400_000).toISOString();
      artifacts.push({ digest: await pushImage(registry, 'apps/platform/builds-api', [tag]), push_time: pushed, tags: [{ name: tag, push_time: pushed }] });
    }
    harbor.artifacts.set('apps/platform/builds-api', artifacts);
    harbor.onDelete = (repository, artifact) => deleteManifest(registry, `apps/${repository}`, artifact.digest);
  });
  afterAll(async () => {
    await stack?.stop();
    await harbor?.stop();
  });

  test(`IMAGEPIN_PROTECT=${mode}`, async () => {
    const { github, app } = stack;
    let deployed = '';
    const sweep = async (): Promise<void> => {
      github.deploy.statuses.push({ repo: REPO, sha: deployed, context: 'kustomization/apps/7d1f0c2e', state: 'success' });
      await deliver(app.webhookUrl, app.secret, 'status', statusPayload(facts, deployed, 'kustomization/apps/7d1f0c2e', 'success'));
      await app.queue.onIdle();
    };
    const files = (tag: string): Record<string, string> => ({ 'services/builds-api/deployment.yaml': deployment('builds-api', `${IMAGE}:${tag}`) });
    for (const [i, tag] of RELEASES.slice(0, 4).entries()) {
      const extra: Record<string, string> = i === 0 ? { 'clusters/prod/apps.yaml': fluxKustomization('apps', './services') } : {};
      deployed = github.deploy.merge(REPO, { ...extra, ...files(tag) }, { date: new Date(clock.now()).toISOString(), message: `builds-api ${tag}` });
      await sweep();
      clock.advance(10 * MIN);
    }
    github.deploy.merge(REPO, files('0.0.131'), { date: new Date(clock.now()).toISOString(), message: 'builds-api 0.0.131', pr: 131 });
    // Past the grace period Flux re-applies 0.0.130, and the merge is overdue: the tracking issue opens.
    clock.advance(2 * 60 * MIN + MIN);
    await sweep();
    const issue = () => [...github.deploy.issues.values()].find((i) => i.repo === REPO)!.body;
    await then({ github, harbor, app, clock, sweep, issue });
  });
}

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'retention protection, end to end', () => {
  describe('on', () => story('on', async ({ harbor, clock, sweep, issue }) => {
    expect(issue()).toContain('## Merged but not deployed');
    expect(issue()).toContain('## Retention protection');
    expect(issue()).toContain('- Harbor project `apps`: `builds-api:0.0.131` (default branch), `builds-api:0.0.130` (deployed), `builds-api:0.0.129` (rollback window), `builds-api:0.0.128` (rollback window)\n  This sweep did: update rule 1 to protect `platform/builds-api`: 0.0.128, 0.0.129, 0.0.130, 0.0.131 (was `platform/builds-api`: 0.0.128, 0.0.129, 0.0.130).');
    expect(issue()).not.toContain('## Retention risk');
    expect(harbor.immutable.get('apps')!.map((r) => [r.scope_selectors!.repository![0]!.pattern, r.tag_selectors![0]!.pattern])).toEqual([['platform/builds-api', '{0.0.128,0.0.129,0.0.130,0.0.131,imagepin~protect}']]);

    // Harbor's retention run keeps the running release and the rollback window; only 0.0.127, deployed four releases ago, goes.
    expect(await harbor.runRetention('apps')).toEqual(['platform/builds-api:0.0.127']);
    clock.advance(11 * MIN);
    await sweep();
    expect(issue()).not.toContain('is gone from the registry');
  }));

  describe('dry-run', () => story('dry-run', async ({ harbor, clock, sweep, issue }) => {
    expect(issue()).toContain('**Dry run** (`IMAGEPIN_PROTECT=dry-run`): nothing was changed in any registry.');
    expect(issue()).toContain('Would: create a rule protecting `platform/builds-api`: 0.0.128, 0.0.129, 0.0.130, 0.0.131.');
    expect(issue()).toContain('Without protection, the next retention run deletes the images listed under *Retention risk*.');
    expect(issue()).toContain(`\`${IMAGE}:0.0.130\`: The next retention run of Harbor project \`apps\` (schedule \`0 0 4 * * *\`) deletes \`platform/builds-api:0.0.130\`: the retention policy keeps the 1 most recently pushed`);
    expect(harbor.immutable.get('apps') ?? []).toEqual([]);
    expect(harbor.server.requests.filter((r) => r.method !== 'GET')).toEqual([]);

    // The forecast was right: the run prunes the release that runs, and the next restart would fail.
    expect(await harbor.runRetention('apps')).toEqual(['0.0.127', '0.0.128', '0.0.129', '0.0.130'].map((t) => `platform/builds-api:${t}`));
    clock.advance(11 * MIN);
    await sweep();
    expect(issue()).toContain('**Next pod restart fails: `builds-api:0.0.130` is gone from the registry.**');
  }));
});
