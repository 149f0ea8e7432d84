import type { HarborArtifact } from '../../src/deploy/harbor/types.js';
import type { RunningApp } from '../harness/app.js';
import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import { ManualClock } from '../harness/clock.js';
import { FakeHarbor } from '../harness/fake-harbor.js';
import type { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, deploymentStatusPayload } from '../harness/fake-github/webhooks.js';
import { pushImage } from '../harness/push.js';
import { argoApplication, deployment } from './fixtures.js';

const REPO = 'acme/platform';
const HOUR = 3_600_000;
const IMAGE = 'harbor.example.com/apps/platform/builds-api';
const day = (n: number): string => new Date(Date.parse('2026-10-01T06:00:00Z') + n * 86_400_000).toISOString();

/**
 * Harbor holds 0.0.120 … 0.0.131, pushed in that order, and then nine old releases pushed again
 * last week (a mirror backfill). By tag name 0.0.130 is the second newest; by push time, which is
 * what Harbor's "keep the 10 most recently pushed" sorts by, it is number 11.
 */
function artifacts(): HarborArtifact[] {
  const releases = Array.from({ length: 12 }, (_, i) => ({ tag: `0.0.${120 + i}`, pushed: day(i) }));
  const backfill = Array.from({ length: 9 }, (_, i) => ({ tag: `0.0.${110 + i}`, pushed: day(40 + i) }));
  return [...releases, ...backfill].map(({ tag, pushed }, i) => ({ digest: `sha256:${i.toString(16).padStart(64, 'a')}`, push_time: pushed, pull_time: pushed, tags: [{ name: tag, push_time: pushed, immutable: false }] }));
}

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'deployment tracking with Argo CD deployments and Harbor retention, end to end', () => {
  let stack: AppStack;
  let github: FakeGitHub;
  let app: RunningApp;
  let harbor: FakeHarbor;
  let clock: ManualClock;

  beforeAll(async () => {
    clock = new ManualClock(Date.parse('2026-11-23T09:00:00Z'));
    harbor = await new FakeHarbor().start();
    harbor.projects.set('apps', { project_id: 3, name: 'apps', metadata: { retention_id: '7' } });
    harbor.retentions.set('7', { id: 7, algorithm: 'or', trigger: { kind: 'Schedule', settings: { cron: '0 0 4 * * *' } }, rules: [{ id: 1, priority: 1, disabled: false, action: 'retain', template: 'latestPushedK', params: { latestPushedK: 10 }, tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: '**' }], scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: '**' }] } }] });
    harbor.artifacts.set('apps/platform/builds-api', artifacts());
    stack = await startAppStack((url) => ({
      IMAGEPIN_ENDPOINTS: `harbor.example.com=${url}/v2`, IMAGEPIN_SWEEP_INTERVAL: '1h',
      IMAGEPIN_HARBOR_URL: harbor.url, IMAGEPIN_HARBOR_REGISTRY: 'harbor.example.com', IMAGEPIN_HARBOR_USERNAME: harbor.username, IMAGEPIN_HARBOR_PASSWORD: harbor.password,
    }), clock);
    ({ github, app } = stack);
    await pushImage({ url: stack.registry.url }, 'apps/platform/builds-api', ['0.0.130'], 'docker-v2');
    await pushImage({ url: stack.registry.url }, 'apps/platform/builds-api', ['0.0.131'], 'docker-v2');
    github.deploy.installed.push(REPO);
  });
  afterAll(async () => {
    await stack?.stop();
    await harbor?.stop();
  });

  const issue = () => [...github.deploy.issues.values()].find((i) => i.repo === REPO);
  const argoDeploys = (sha: string) => {
    const id = github.state.id();
    github.deploy.deployments.push({ id, repo: REPO, sha, environment: 'production', statuses: ['success'] });
  };

  test('the schedule finds an undeployed merge while Harbor is about to prune the running release; an Argo CD deployment clears the merge', async () => {
    const first = github.deploy.merge(REPO, {
      'argocd/builds-api.yaml': argoApplication('builds-api', 'services/builds-api'),
      'services/builds-api/deployment.yaml': deployment('builds-api', `${IMAGE}:0.0.130`),
    }, { date: new Date(clock.now()).toISOString(), message: 'Initial import' });
    argoDeploys(first);
    const merge = github.deploy.merge(REPO, { 'services/builds-api/deployment.yaml': deployment('builds-api', `${IMAGE}:0.0.131`) }, { date: new Date(clock.now()).toISOString(), message: 'builds-api 0.0.131', pr: 7 });

    // The scheduler reads the installations once started; then three hourly rounds pass.
    while (app.handle.scheduler!.installations.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    clock.advance(3 * HOUR);
    await app.handle.scheduler!.idle();
    await app.queue.onIdle();

    const alert = issue()!;
    expect(alert.state).toBe('open');
    expect(alert.body).toContain('## Merged but not deployed');
    expect(alert.body).toContain(`[#7](https://github.com/acme/platform/pull/7) builds-api 0.0.131 | \`${IMAGE}:0.0.130\` → \`${IMAGE}:0.0.131\` | any deployment |`);
    expect(alert.body).toContain('## Retention risk');
    expect(alert.body).toContain(`\`${IMAGE}:0.0.130\`: The next retention run of Harbor project \`apps\` (schedule \`0 0 4 * * *\`) deletes \`platform/builds-api:0.0.130\`: the retention policy keeps the 10 most recently pushed of tags matches **, and this artifact is number 11 of 21 by push time`);
    expect(alert.body).toContain('Add an immutable-tag rule to project `apps` for repository `platform/builds-api` and tag `0.0.130`');
    expect(alert.body).not.toContain('builds-api:0.0.131`: The next retention run');
    // Harbor was asked with the robot account, the project by name, and the nested repository name encoded twice.
    const paths = harbor.server.requests.map((r) => r.url.split('?')[0]);
    expect(paths).toEqual(expect.arrayContaining(['/api/v2.0/projects/apps', '/api/v2.0/retentions/7', '/api/v2.0/projects/apps/immutabletagrules', '/api/v2.0/projects/apps/repositories/platform%252Fbuilds-api/artifacts']));
    expect(harbor.server.requests.find((r) => r.url === '/api/v2.0/projects/apps')?.headers['x-is-resource-name']).toBe('true');

    // Argo CD Notifications records a successful deployment of the merge.
    argoDeploys(merge);
    await deliver(app.webhookUrl, app.secret, 'deployment_status', deploymentStatusPayload({ owner: 'acme', repo: 'platform' }, merge, 'production', 'success'));
    await app.queue.onIdle();
    const after = issue()!;
    expect(after.body).not.toContain('## Merged but not deployed');
    // 0.0.131 now runs and is safe; 0.0.130 is no longer in use, so no retention risk is left either.
    expect(after.body).not.toContain('## Retention risk');
    expect(after.state).toBe('closed');
    expect(github.state.comments.filter((c) => c.issue === 7).map((c) => c.body)).toEqual([expect.stringContaining('is **not deployed**: no deployment reports a revision that contains it'), expect.stringContaining('Now deployed')]);
  });
});
