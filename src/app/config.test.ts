import { repositoryConfig } from './config.js';

test('a bad key in what Probot returns is named with a guess; the rest of the policy applies', async () => {
  const { config, notices } = await repositoryConfig(async () => ({ rules: { 'floating-tag': 'warning' }, failOn: 'warnng', mirrors: { 'docker.io': 'harbor.example.com/hub' } }));
  expect(config).toMatchObject({ rules: { 'floating-tag': 'warning' }, failOn: 'error', mirrors: { 'docker.io': 'harbor.example.com/hub' } });
  expect(notices).toEqual([
    '> [!WARNING]',
    '> `.github/imagepin.yml` on the default branch (with the organisation defaults it extends, if any) has problems; the rest of it applies:',
    '> - `failOn` must be one of error, warning, never (got "warnng"); did you mean `warning`? The default `"error"` was used.',
  ]);
});

test('a file Probot cannot read (invalid YAML, an _extends it cannot follow) means the defaults, said with the reason', async () => {
  const { config, notices } = await repositoryConfig(async () => {
    throw new Error('[@probot/octokit-plugin-config] Invalid value "a b" for _extends in https://github.com/acme/gitops/blob/HEAD/.github/imagepin.yml');
  });
  expect(config.failOn).toBe('error');
  expect(notices[2]).toBe('> - `.github/imagepin.yml` could not be read: [@probot/octokit-plugin-config] Invalid value "a b" for _extends in https://github.com/acme/gitops/blob/HEAD/.github/imagepin.yml. The defaults were used.');
});

test('no file at all: the defaults, and nothing to say', async () => {
  expect(await repositoryConfig(async () => null)).toMatchObject({ config: { failOn: 'error' }, notices: [] });
});
