import { main } from '../../src/cli/main.js';
import { ownedRule } from '../../src/deploy/harbor/owned-rules.js';
import type { HarborRule } from '../../src/deploy/harbor/types.js';
import { FakeHarbor } from '../harness/fake-harbor.js';

const theirs: HarborRule = { id: 50, action: 'immutable', template: 'immutable_template', tag_selectors: [{ kind: 'doublestar', decoration: 'matches', pattern: 'v*' }], scope_selectors: { repository: [{ kind: 'doublestar', decoration: 'repoMatches', pattern: '**' }] } };

async function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTTY: false }, env);
  return { code, out, err };
}

describe('imagepin protect --list / --remove', () => {
  let harbor: FakeHarbor;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    harbor = await new FakeHarbor().start();
    harbor.projects.set('apps', { project_id: 3, name: 'apps' });
    harbor.projects.set('tools', { project_id: 4, name: 'tools' });
    harbor.immutable.set('apps', [theirs, { ...ownedRule({ repositories: ['platform/builds-api'], tags: ['0.0.130', '0.0.131'] }), id: 51 }]);
    env = { IMAGEPIN_HARBOR_URL: harbor.url, IMAGEPIN_HARBOR_USERNAME: harbor.username, IMAGEPIN_HARBOR_PASSWORD: harbor.password };
  });
  afterEach(() => harbor.stop());

  it('lists imagepin\'s rules in every project and changes nothing', async () => {
    const r = await run(['protect', '--list'], env);
    expect(r).toEqual({ code: 0, out: 'Harbor project apps: 1 imagepin rule\n  rule 51: platform/builds-api: 0.0.130, 0.0.131\nHarbor project tools: no imagepin rules\n', err: '' });
    expect(harbor.immutable.get('apps')).toHaveLength(2);
  });

  it('removes only imagepin\'s rules, after listing them', async () => {
    const r = await run(['protect', '--remove', '--project', 'apps'], env);
    expect(r.out).toBe('Harbor project apps: 1 imagepin rule\n  rule 51: platform/builds-api: 0.0.130, 0.0.131\n  removed 1\n');
    expect(harbor.immutable.get('apps')).toEqual([theirs]);
  });

  it('says what is wrong: no Harbor, no action, no permission', async () => {
    expect((await run(['protect', '--remove'], {})).err).toContain('imagepin: set IMAGEPIN_HARBOR_URL');
    expect((await run(['protect'], env)).code).toBe(2);
    harbor.denied.add('delete');
    const r = await run(['protect', '--remove', '--project', 'apps'], env);
    expect(r.code).toBe(1);
    expect(r.err).toBe("imagepin: Harbor project apps: Harbor answered HTTP 403 for DELETE /projects/apps/immutabletagrules/51: give the robot account the project's immutable-tag permissions (list, create, update, delete)\n");
    expect(harbor.immutable.get('apps')).toHaveLength(2);
  });
});
