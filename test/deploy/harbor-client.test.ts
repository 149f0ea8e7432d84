import { HarborClient } from '../../src/deploy/harbor/client.js';
import { retentionRisks } from '../../src/deploy/harbor/risks.js';
import { FakeHarbor } from '../harness/fake-harbor.js';

const ref = (repository: string, tag: string) => ({ registry: 'harbor.example.com', repository, tag });

describe('Harbor retention over HTTP', () => {
  let harbor: FakeHarbor;
  beforeAll(async () => {
    harbor = await new FakeHarbor().start();
    harbor.projects.set('apps', { project_id: 3, name: 'apps', metadata: {} });
    harbor.projects.set('team', { project_id: 4, name: 'team', metadata: { retention_id: '9' } });
    harbor.retentions.set('9', { id: 9, algorithm: 'or', rules: [{ action: 'retain', template: 'latestPushedK', params: { latestPushedK: 1 }, tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: '**' }], scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: '**' }] } }] });
  });
  afterAll(() => harbor.stop());

  it('says what to fix when the credentials are wrong, and goes on with the other projects', async () => {
    const client = new HarborClient({ url: harbor.url, registry: 'harbor.example.com', username: harbor.username, password: 'wrong' });
    const result = await retentionRisks(client, [ref('apps/web', '1.0.0')], Date.now());
    expect(result.risks).toEqual([]);
    expect(result.notes).toEqual(['Harbor retention for `apps/web` was not checked: Harbor answered HTTP 401 for /projects/apps: check IMAGEPIN_HARBOR_USERNAME and IMAGEPIN_HARBOR_PASSWORD (a robot account that can read the project).']);
  });

  it('skips a project without a retention policy, images of other registries, and reports a missing repository as a note', async () => {
    const client = new HarborClient({ url: harbor.url, registry: 'harbor.example.com', username: harbor.username, password: harbor.password });
    const result = await retentionRisks(client, [ref('apps/web', '1.0.0'), { ...ref('team/api', '2.0.0'), registry: 'docker.io' }, ref('team/gone', '1.0.0')], Date.now());
    expect(result.risks).toEqual([]);
    expect(result.notes).toEqual(['Harbor retention for `team/gone` was not checked: Harbor answered HTTP 404 for /projects/team/repositories/gone/artifacts.']);
    expect(harbor.server.requests.some((r) => r.url.startsWith('/api/v2.0/projects/apps/repositories'))).toBe(false);
  });
});
