import { ProbotOctokit } from 'probot';
import type { Octokit } from '../../src/sources/github-pr.js';
import { listPullFiles } from '../../src/sources/pull-files.js';
import { FakeGitHub } from '../harness/fake-github/server.js';

describe('the PR files pages', () => {
  let github: FakeGitHub;
  let octokit: Octokit;
  const pr = { owner: 'acme', repo: 'gitops', number: 3 };

  beforeAll(async () => {
    github = await new FakeGitHub().start();
    octokit = new ProbotOctokit({ auth: { token: 'ghs_test' }, baseUrl: github.url, retry: { enabled: false }, throttle: { enabled: false } }) as unknown as Octokit;
    const tree = (v: string) => Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`f${i}.yaml`, v]));
    github.state.openPull('acme/gitops', 3, github.state.commit(tree('a')), github.state.commit(tree('b')));
  });
  afterAll(() => github.stop());
  beforeEach(() => void (github.calls.length = 0));

  test('with the count, each page is asked for once and every file comes back in order', async () => {
    const files = await listPullFiles(octokit, pr, 250);
    expect(files.map((f) => f.filename)).toEqual(github.state.pullFiles('acme/gitops', 3).map((f) => f.filename));
    expect(github.calls).toHaveLength(3);
  });

  test('a count that is too low (a push added files since) still brings every file: the rest is followed', async () => {
    const files = await listPullFiles(octokit, pr, 120);
    expect(files).toHaveLength(250);
    expect(new Set(files.map((f) => f.filename)).size).toBe(250);
  });

  test('without a count the pages are followed one by one', async () => {
    expect(await listPullFiles(octokit, pr)).toHaveLength(250);
  });
});
