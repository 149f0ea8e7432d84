import { ProbotOctokit } from 'probot';
import { composeConfig, ConfigProblem } from '../../src/app/config-files.js';
import { readPullRequest } from '../../src/app/pr-snapshot.js';
import type { Octokit } from '../../src/sources/github-pr.js';
import { FakeGitHub } from '../harness/fake-github/server.js';

// The PR snapshot query and Probot's config semantics against the fake GitHub over HTTP.
describe('the PR snapshot query: live head, config with the organisation fallback and _extends, follow-up, comments', () => {
  let github: FakeGitHub;
  let octokit: Octokit;
  const repo = { owner: 'acme', repo: 'gitops' };

  beforeAll(async () => {
    github = await new FakeGitHub().start();
    octokit = new ProbotOctokit({ auth: { token: 'ghs_test' }, baseUrl: github.url, retry: { enabled: false }, throttle: { enabled: false } }) as unknown as Octokit;
  });
  afterAll(() => github.stop());
  beforeEach(() => {
    github.state.defaultHead.clear();
    github.schema.forbidden.clear();
  });

  const setup = (files: Record<string, string>, org?: Record<string, string>) => {
    const base = github.state.commit({ 'app.yaml': 'x: 1\n', ...files });
    github.state.setDefaultBranch('acme/gitops', base);
    if (org) github.state.setDefaultBranch('acme/.github', github.state.commit(org));
    github.state.openPull('acme/gitops', 7, base, github.state.commit({ 'app.yaml': 'x: 2\n' }));
    github.calls.length = 0;
  };
  const config = async () => {
    const snap = await readPullRequest(octokit, repo, 7);
    return { snap, ...(await composeConfig(octokit, repo, snap.repoConfig, snap.orgConfig)) };
  };

  test('the repository file wins; the organisation file is read in the same query but not used', async () => {
    setup({ '.github/imagepin.yml': 'failOn: warning\n' }, { '.github/imagepin.yml': 'failOn: never\n' });
    const { snap, config: c, warnings } = await config();
    expect([c, warnings, snap.fork, snap.followUp, snap.comments]).toEqual([{ failOn: 'warning' }, [], false, null, { complete: true, comments: [] }]);
    expect(github.calls.map((x) => x.path)).toEqual(['/graphql']);
  });

  test('no repository file: the organisation .github file, then its _extends chain (one query per level), deep-merged', async () => {
    setup({}, { '.github/imagepin.yml': '_extends: policies:base.yml\nfailOn: warning\n' });
    github.state.setDefaultBranch('acme/policies', github.state.commit({ 'base.yml': 'failOn: never\nrequireMirror: true\n' }));
    const { config: c } = await config();
    expect(c).toEqual({ failOn: 'warning', requireMirror: true });
    expect(github.calls.map((x) => x.path)).toEqual(['/graphql', '/graphql']);
  });

  test('no organisation .github repository: no config, and no error', async () => {
    setup({});
    expect(await config()).toMatchObject({ config: {}, warnings: [], snap: { orgConfig: null } });
  });

  test('an _extends target that does not exist is skipped, as Probot does, and said', async () => {
    setup({ '.github/imagepin.yml': '_extends: nowhere\nfailOn: warning\n' });
    const { config: c, warnings } = await config();
    expect(c).toEqual({ failOn: 'warning' });
    expect(warnings).toEqual(['`_extends: nowhere` in acme/gitops:.github/imagepin.yml names a file that does not exist or that imagepin cannot see, so its settings were not applied']);
  });

  test('a loop of _extends and an invalid value are problems the owners can fix, named', async () => {
    setup({ '.github/imagepin.yml': '_extends: other\n' });
    github.state.setDefaultBranch('acme/other', github.state.commit({ '.github/imagepin.yml': '_extends: gitops\n' }));
    await expect(config()).rejects.toThrow(new ConfigProblem('acme/other:.github/imagepin.yml', 'extends acme/gitops:.github/imagepin.yml, which is already part of the chain (a loop)'));
    setup({ '.github/imagepin.yml': '_extends: "a b"\n' });
    await expect(config()).rejects.toBeInstanceOf(ConfigProblem);
  });

  test('a folder where the file should be is a problem, not "no config"', async () => {
    setup({ '.github/imagepin.yml/x': 'y' });
    await expect(config()).rejects.toThrow('acme/gitops:.github/imagepin.yml exists, but is a folder or a submodule, not a file');
  });

  test('an organisation config GitHub refuses to show is unreadable, never "no config"', async () => {
    setup({}, { '.github/imagepin.yml': 'failOn: warning\n' });
    github.schema.forbidden.add('acme/.github');
    const snap = await readPullRequest(octokit, repo, 7);
    expect(snap.configError).toContain('GitHub could not give acme/.github:.github/imagepin.yml (FORBIDDEN: Resource protected by organization SAML enforcement');
  });

  test('a refused repository for the PR itself is thrown', async () => {
    setup({});
    github.schema.forbidden.add('acme/gitops');
    await expect(readPullRequest(octokit, repo, 7)).rejects.toThrow('Resource protected by organization SAML enforcement');
  });

  test('the follow-up PR is found only from this repository, and the first comment page is kept', async () => {
    setup({});
    github.state.openPull('acme/gitops', 8, github.state.defaultHead.get('acme/gitops')!, github.state.commit({}), { headRef: 'imagepin/pin/7' });
    github.state.openPull('acme/gitops', 9, github.state.defaultHead.get('acme/gitops')!, github.state.commit({}), { headRef: 'imagepin/pin/7', fork: 'mallory/gitops' });
    for (let i = 0; i < 101; i++) github.state.comments.push({ id: 5000 + i, issue: 7, repo: 'acme/gitops', body: `c${i}`, user: { login: 'u', type: 'User' } });
    const snap = await readPullRequest(octokit, repo, 7);
    expect(snap.followUp).toEqual({ number: 8, html_url: 'https://github.com/acme/gitops/pull/8' });
    expect([snap.comments?.complete, snap.comments?.comments.length]).toEqual([false, 100]);
    github.state.comments.length = 0;
  });

  test('the fake refuses what GitHub refuses: unknown fields and unbounded or oversized connections', async () => {
    setup({});
    await expect(octokit.graphql('query { repository(owner: "acme", name: "gitops") { nope } }')).rejects.toThrow('Cannot query field "nope" on type "Repository".');
    await expect(octokit.graphql('query { repository(owner: "acme", name: "gitops") { pullRequest(number: 7) { comments { totalCount } } } }')).rejects.toThrow('You must provide a `first` or `last` value');
    await expect(octokit.graphql('query { repository(owner: "acme", name: "gitops") { pullRequest(number: 7) { comments(first: 101) { totalCount } } } }')).rejects.toThrow('exceeds the `first` limit of 100 records');
  });
});
