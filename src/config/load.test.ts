import { formatProblems, loadConfig } from './load.js';

test('no file, or an empty one, means the defaults', () => {
  for (const text of [undefined, '', '# nothing\n']) {
    const loaded = loadConfig(text);
    expect(loaded).toMatchObject({ ok: true, config: { rules: {}, failOn: 'error', requireMirror: false, mirrors: {}, platforms: [] } });
  }
});

test('a valid file is read with its defaults filled in', () => {
  const loaded = loadConfig('rules:\n  public-registry: error\n  numeric-tag: off\nmirrors:\n  docker.io: harbor.example.com/dockerhub\nplatforms: [linux/amd64, linux/arm64]\n');
  expect(loaded).toMatchObject({ ok: true, config: { rules: { 'public-registry': 'error', 'numeric-tag': 'off' }, mirrors: { 'docker.io': 'harbor.example.com/dockerhub' }, platforms: ['linux/amd64', 'linux/arm64'], ignore: { paths: [], references: [] } } });
});

test.each([
  ['rules:\n  floating-tag: loud\n', '`rules.floating-tag` must be one of off, info, warning, error (got "loud")'],
  ['rules:\n  floating-tags: error\n', '`rules.floating-tags` is not a known key; allowed here: floating-tag, missing-tag, tag-not-found, unpinned-digest, pull-policy-skew, public-registry, registry-self-pull, mirror-fallback, stale-digest, stateful-major-change, numeric-tag, unresolvable-template, floating-chart-version, platform-missing, unresolved-reference'],
  ['rulez: {}\n', '`rulez` is not a known key; allowed here: rules, ignore, mirrors, requireMirror, statefulImages, registryImages, inClusterRegistryHosts, platforms, floatingTags, pinFieldsWithoutDigest, failOn, deployments, templateExtensions'],
  ['deployments:\n  grace: 2 hours\n', '`deployments.grace` a duration such as 30m, 2h or 1d (got "2 hours")'],
  ['ignore:\n  pathz: []\n', '`ignore.pathz` is not a known key; allowed here: paths, references'],
  ['failOn: sometimes\n', '`failOn` must be one of error, warning, never (got "sometimes")'],
  ['requireMirror: "yes"\n', '`requireMirror` must be a boolean (got "yes")'],
  ['platforms: linux/amd64\n', '`platforms` must be a list (got "linux/amd64")'],
  ['platforms: [linux]\n', '`platforms.0` os/architecture[/variant], e.g. linux/arm64 (got "linux")'],
  ['mirrors:\n  Docker.IO: x\n', '`mirrors.Docker.IO` is not a valid key: a registry host such as docker.io'],
  ['rules: [\n', expect.stringMatching(/^`.github\/imagepin.yml` is not valid YAML: /)],
])('%j: the problem names the key and what is allowed', (text, message) => {
  const loaded = loadConfig(text);
  expect(loaded.ok).toBe(false);
  if (!loaded.ok) expect(formatProblems(loaded.problems)).toEqual([message]);
  expect(loaded.config.failOn).toBe('error');
});
