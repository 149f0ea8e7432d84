import { formatProblems, loadConfig, validateConfig } from './load.js';

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

const RULES = 'floating-tag, missing-tag, tag-not-found, unpinned-digest, pull-policy-skew, public-registry, registry-self-pull, mirror-fallback, stale-digest, stateful-major-change, numeric-tag, unresolvable-template, floating-chart-version, platform-missing, unresolved-reference';

test.each([
  ['rules:\n  floating-tag: loud\n', '`rules.floating-tag` (line 2) must be one of off, info, warning, error (got "loud"). The rule keeps its default severity.'],
  ['rules:\n  floating-tag: eror\n', '`rules.floating-tag` (line 2) must be one of off, info, warning, error (got "eror"); did you mean `error`? The rule keeps its default severity.'],
  ['rules:\n  floating-tags: error\n', '`rules.floating-tags` (line 2) is not a known key; did you mean `floating-tag`? It was ignored.'],
  ['rules:\n  whatever: error\n', `\`rules.whatever\` (line 2) is not a known key; allowed here: ${RULES}. It was ignored.`],
  ['rulez: {}\n', '`rulez` (line 1) is not a known key; did you mean `rules`? It was ignored.'],
  ['FailOn: warning\n', '`FailOn` (line 1) is not a known key; did you mean `failOn`? It was ignored.'],
  ['deployments:\n  grace: 2 hours\n', '`deployments.grace` (line 2) a duration such as 30m, 2h or 1d (got "2 hours"). The default `"2h"` was used.'],
  ['deployments:\n  trak: off\n', '`deployments.trak` (line 2) is not a known key; did you mean `track`? It was ignored.'],
  ['ignore:\n  pathz: []\n', '`ignore.pathz` (line 2) is not a known key; did you mean `paths`? It was ignored.'],
  ['failOn: sometimes\n', '`failOn` (line 1) must be one of error, warning, never (got "sometimes"). The default `"error"` was used.'],
  ['failOn: warnin\n', '`failOn` (line 1) must be one of error, warning, never (got "warnin"); did you mean `warning`? The default `"error"` was used.'],
  ['requireMirror: "yes"\n', '`requireMirror` (line 1) must be a boolean (got "yes"). The default `false` was used.'],
  ['platforms: linux/amd64\n', '`platforms` (line 1) must be a list (got "linux/amd64"). The default `[]` was used.'],
  ['platforms: [linux]\n', '`platforms.0` (line 1) os/architecture[/variant], e.g. linux/arm64 (got "linux"). It was left out of the list.'],
  ['mirrors:\n  Docker.IO: x\n', '`mirrors.Docker.IO` (line 2) is not a valid key: a registry host such as docker.io. It was ignored.'],
  ['- rules\n', '`(top level)` (line 1) must be a map (got ["rules"]). The defaults were used.'],
  ['rules: [\n', expect.stringMatching(/^`.github\/imagepin.yml` is not valid YAML: .*\. The defaults were used\.$/)],
])('%j: the problem names the key, its line, a guess and what was used instead', (text, message) => {
  const loaded = loadConfig(text);
  expect(loaded.ok).toBe(false);
  if (!loaded.ok) expect(formatProblems(loaded.problems)).toEqual([message]);
  expect(loaded.config.failOn).toBe('error');
});

test('one bad key never discards the rest of the policy', () => {
  const text = 'rules:\n  public-registry: error\n  floating-tags: off\n  numeric-tag: loud\nmirrors:\n  docker.io: harbor.example.com/dockerhub\nplatforms: [linux/amd64, linux, linux/arm64]\nfailOn: warning\ncolour: true\n';
  const loaded = loadConfig(text);
  expect(loaded.ok).toBe(false);
  expect(loaded.config).toMatchObject({ rules: { 'public-registry': 'error' }, mirrors: { 'docker.io': 'harbor.example.com/dockerhub' }, platforms: ['linux/amd64', 'linux/arm64'], failOn: 'warning' });
  expect(loaded.config.rules).not.toHaveProperty('numeric-tag');
  if (!loaded.ok) expect(loaded.problems.map((p) => [p.key, p.line])).toEqual([['rules.floating-tags', 3], ['rules.numeric-tag', 4], ['platforms.1', 7], ['colour', 9]]);
});

test('several bad entries of one list are all left out, the good ones kept', () => {
  const loaded = loadConfig('platforms: [linux, linux/amd64, windows, linux/arm64]\n');
  expect(loaded.config.platforms).toEqual(['linux/amd64', 'linux/arm64']);
  if (!loaded.ok) expect(loaded.problems.map((p) => p.key)).toEqual(['platforms.0', 'platforms.2']);
});

test('parsed configuration (the App, from Probot) is salvaged the same way, without lines; a file name can be given', () => {
  const loaded = validateConfig({ rulez: {}, failOn: 'never' });
  expect(loaded).toMatchObject({ ok: false, config: { failOn: 'never' } });
  if (!loaded.ok) expect(formatProblems(loaded.problems)).toEqual(['`rulez` is not a known key; did you mean `rules`? It was ignored.']);
  const withLines = loadConfig('rulez: {}\n');
  if (!withLines.ok) expect(formatProblems(withLines.problems, '.github/imagepin.yml')[0]).toContain('`rulez` (.github/imagepin.yml:1) ');
});
