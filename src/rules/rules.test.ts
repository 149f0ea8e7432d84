import { loadConfig } from '../config/load.js';
import type { Inventory } from '../engine/scan.js';
import { extractFile } from '../extractors/index.js';
import type { Resolution } from '../resolver/types.js';
import { runRules } from './run.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

/** An inventory of one file, with resolutions given as data (what a registry would have said). */
function inventory(file: string, text: string, resolutions?: Record<string, Partial<Resolution>>): Inventory {
  const result = extractFile(file, text);
  const inv: Inventory = { source: 'test', files: [], occurrences: result.occurrences, charts: result.charts, mirrors: result.mirrors, repositories: [], diagnostics: [] };
  if (resolutions) inv.resolutions = new Map(Object.entries(resolutions).map(([ref, r]) => [ref, { reference: ref, status: 'resolved', ...r } as Resolution]));
  return inv;
}

const run = (inv: Inventory, config = ''): string[] => {
  const loaded = loadConfig(config);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return runRules({ inventory: inv, config: loaded.config }).map((f) => `${f.severity} ${f.ruleId}:${f.span.start.line} ${f.message} | ${f.fix}`);
};

const pod = (image: string, extra = ''): string => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: ${image}\n${extra}`;

test('missing-tag: no tag means latest; the fix names the release that shares its digest', () => {
  expect(run(inventory('pod.yaml', pod('nginx'), { 'docker.io/library/nginx': { digest: D1, version: '1.27.3', versionSource: 'shared-digest' } }))).toEqual([
    `error missing-tag:7 \`nginx\` has no tag, so it is pulled as \`latest\`, which moves; today it is release 1.27.3 (sha256:111111111111…). | Pin it: \`nginx:1.27.3@${D1}\`.`,
  ]);
});

test('unpinned-digest says why it cannot suggest the digest when the registry did not answer', () => {
  const inv = inventory('pod.yaml', pod('nginx:1.27.3'), { 'docker.io/library/nginx:1.27.3': { status: 'unresolved', error: { kind: 'timeout', message: 'registry timed out', retryable: true } } });
  expect(run(inv)).toEqual([
    'warning unpinned-digest:7 `nginx:1.27.3` is not pinned to a digest: the tag can be pushed again with other content (unresolved: registry timed out). | Add the digest the tag has (`name:1.2.3@sha256:…`).',
    expect.stringMatching(/^warning unresolved-reference:7 imagepin could not check `nginx:1.27.3`: registry timed out\./),
  ]);
});

test('stale-digest: the tag moved away from the pinned digest', () => {
  const inv = inventory('pod.yaml', pod(`nginx:1.27.3@${D1}`), { [`docker.io/library/nginx:1.27.3@${D1}`]: { digest: D2, version: '1.27.3', versionSource: 'tag', pinned: { digest: D1, exists: true, tagMatches: false } } });
  expect(run(inv)).toEqual([
    `warning stale-digest:7 \`nginx:1.27.3\` now points to sha256:222222222222…, but the pinned digest is sha256:111111111111…: nodes run the pinned image, while the file reads like the current \`1.27.3\`. | Update the digest to ${D2}, or change the tag to the release that has the pinned digest.`,
  ]);
});

test('numeric-tag: an error when YAML changes the tag, a note when it does not', () => {
  const inv = inventory('values.yaml', 'a:\n  image: {repository: ghcr.io/x/a, tag: 3.10}\nb:\n  image: {repository: ghcr.io/x/b, tag: 7.2}\n');
  expect(run(inv, 'rules: {unpinned-digest: off, floating-tag: off, pull-policy-skew: off}')).toEqual([
    'error numeric-tag:2 The unquoted tag `3.10` is the number 3.1 to YAML, so the image deployed is `…:3.1`, not `…:3.10`. | Quote it: `tag: "3.10"`.',
    'info numeric-tag:4 The unquoted tag `7.2` is read as a number; it survives only while it has no trailing zero. | Quote it: `tag: "7.2"`.',
  ]);
});

test('numeric-tag: an integer is not at risk from a trailing zero; what each reader does to each kind of number', () => {
  const off = 'rules: {unpinned-digest: off, floating-tag: off, pull-policy-skew: off, missing-tag: off}';
  const values = (tag: string) => run(inventory('values.yaml', `image: {repository: ghcr.io/x/a, tag: ${tag}}\n`), off);
  expect(values('124')).toEqual(['info numeric-tag:1 The unquoted tag `124` is read as an integer; it survives only while the tag stays an integer under 1000000 without a leading zero (a later `0123` would lose its zero). | Quote it: `tag: "124"`.']);
  expect(values('5621277')).toEqual(['error numeric-tag:1 The unquoted tag `5621277` is read as a number, and Helm reads values as float64: a template that prints it (`{{ .Values.image.tag }}`) writes `…:5.621277e+06`, which is not the tag. | Quote it: `tag: "5621277"`.']);
  expect(values('0123')).toEqual([expect.stringMatching(/^error numeric-tag:1 The unquoted tag `0123` is a number to YAML, and its leading zero is lost .* so the image deployed is not `…:0123`\./)]);
  expect(values('1e3')).toEqual([expect.stringMatching(/^error numeric-tag:1 .*the number 1000 to YAML \(`e` is an exponent\), so the image deployed is `…:1000`, not `…:1e3`\./)]);
  expect(values('90071992547409931')).toEqual([expect.stringMatching(/^error numeric-tag:1 .*an integer beyond 2\^53.* so the image deployed is `…:9\.007199254740994e\+16`, not `…:90071992547409931`\./)]);
  const overlay = run(inventory('kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deploy.yaml]\nimages:\n  - name: ghcr.io/x/a\n    newTag: 5621277\n'), off);
  expect(overlay).toEqual(['error numeric-tag:6 The unquoted tag `5621277` is a number to YAML, and kustomize reads `newTag` only as a string: `kustomize build` of this overlay fails ("cannot unmarshal number into … newTag of type string"). | Quote it: `newTag: "5621277"`.']);
  expect([...values('124'), ...values('5621277'), ...overlay].join('\n')).not.toMatch(/trailing zero/);
});

test('unresolvable-template reports templated references without guessing', () => {
  expect(run(inventory('pod.yaml', pod('ghcr.io/acme/app:${TAG}')))).toEqual([
    'info unresolvable-template:7 `ghcr.io/acme/app:${TAG}` is templated (substitution variable ${TAG} is filled in at deploy time), so imagepin cannot check which image it becomes. | Write the image literally where you can, or add the file to ignore.paths if it is checked elsewhere.',
  ]);
});

test('platform-missing: the cluster runs arm64 and the image has only amd64; arm64/v8 serves arm64', () => {
  const inv = inventory('pod.yaml', `${pod(`a:1.0.0@${D1}`)}    - name: d\n      image: b:1.0.0@${D2}\n`, {
    [`docker.io/library/a:1.0.0@${D1}`]: { digest: D1, platforms: ['linux/amd64'], pinned: { digest: D1, exists: true, tagMatches: true } },
    [`docker.io/library/b:1.0.0@${D2}`]: { digest: D2, platforms: ['linux/amd64', 'linux/arm64/v8'], pinned: { digest: D2, exists: true, tagMatches: true } },
  });
  expect(run(inv, 'platforms: [linux/amd64, linux/arm64]')).toEqual([
    'error platform-missing:7 `a:1.0.0@sha256:111111111111…` has no linux/arm64 image (it has linux/amd64): pods scheduled on those nodes fail with "exec format error". | Use a multi-platform release of the image, or keep these pods off those nodes with a nodeSelector.',
  ]);
});

test('configuration: severities override, off silences, ignore leaves out paths and references', () => {
  const inv = inventory('apps/pod.yaml', pod('nginx:latest', '    - name: d\n      image: busybox:latest\n'));
  expect(run(inv, 'rules: {floating-tag: warning, pull-policy-skew: off}\nignore: {references: ["docker.io/library/busybox:*"]}').map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['warning floating-tag:7']);
  expect(run(inv, 'ignore: {paths: ["apps/**"]}')).toEqual([]);
});

test('pull-policy-skew: Always is safe, latest without a policy defaults to Always, IfNotPresent with a floating tag is not', () => {
  const policies = (image: string, policy?: string) => run(inventory('pod.yaml', pod(image, policy ? `      imagePullPolicy: ${policy}\n` : '')), 'rules: {floating-tag: off}').map((l) => l.split(' ')[1]);
  expect([policies('app:main', 'Always'), policies('app:latest'), policies('app:latest', 'IfNotPresent'), policies('app:main')]).toEqual([
    [], [], ['pull-policy-skew:8'], ['pull-policy-skew:7'],
  ]);
});

test('pull-policy-skew on latest says what can happen, not that nodes do run different images (round 9)', () => {
  const [line] = run(inventory('pod.yaml', pod('app:latest', '      imagePullPolicy: IfNotPresent\n')), 'rules: {floating-tag: off, missing-tag: off, unpinned-digest: off}');
  expect(line).toBe('warning pull-policy-skew:8 `app:latest` is mutable and pulled with pull policy IfNotPresent: each node keeps the build it pulled first, so once the tag moves, nodes can run different images and a reschedule can switch versions. | Pin the digest; with a digest, IfNotPresent is safe and fast.');
  expect(line).not.toMatch(/nodes run different/);
});

test('tag-not-found says which nodes fail: those that have not cached the image', () => {
  const gone = { status: 'unresolved', error: { kind: 'not-found', message: 'not found', retryable: false } } as Partial<Resolution>;
  const lines = run(inventory('pod.yaml', pod('ghcr.io/acme/app:1.0.9'), { 'ghcr.io/acme/app:1.0.9': gone }), 'rules: {unpinned-digest: off, pull-policy-skew: off}');
  expect(lines.filter((l) => l.startsWith('error tag-not-found'))).toEqual([
    'error tag-not-found:7 `ghcr.io/acme/app:1.0.9` does not exist in ghcr.io: a pod that needs it fails with ImagePullBackOff on every node that has not cached it. | Check the tag for a typo against the registry\'s tag list, and use one that exists.',
  ]);
});

test('pull-policy-skew: a short tag imagepin could not classify may be mutable; one the registry calls partial is', () => {
  const skew = (inv: Inventory) => run(inv, 'rules: {floating-tag: off, unpinned-digest: off}');
  const offline = skew(inventory('pod.yaml', pod('gcr.io/acme/chrome:124')));
  expect(offline).toEqual([
    'warning pull-policy-skew:7 `gcr.io/acme/chrome:124` may be mutable (a release, or a partial version that moves with each patch release; imagepin could not tell which: offline) and is pulled with no pull policy (so IfNotPresent, the default): if it moves, each node keeps whichever build it pulled first, so nodes can run different images and a reschedule can switch versions. | Pin the digest; with a digest, IfNotPresent is safe and fast.',
  ]);
  const partial = skew(inventory('pod.yaml', pod('gotenberg/gotenberg:8.31'), { 'docker.io/gotenberg/gotenberg:8.31': { digest: D1, version: '8.31.2', versionSource: 'shared-digest', partial: true } }));
  expect(partial).toEqual([expect.stringMatching(/^warning pull-policy-skew:7 `gotenberg\/gotenberg:8\.31` is mutable and pulled with no pull policy/)]);
  const release = skew(inventory('pod.yaml', pod('postgres:16.4'), { 'docker.io/library/postgres:16.4': { digest: D1, version: '16.4', versionSource: 'tag', partial: false } }));
  expect(release).toEqual([]);
});

test('floating-chart-version: ranges, wildcards and branches float; exact versions, tags and commits do not', () => {
  const app = (rev: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a}\nspec:\n  source:\n    repoURL: https://github.com/acme/x.git\n    path: apps\n    targetRevision: ${rev}\n`;
  const release = (version: string) => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: r}\nspec:\n  chart:\n    spec:\n      chart: c\n      version: "${version}"\n`;
  const fires = (file: string, text: string) => run(inventory(file, text)).length;
  expect([app('HEAD'), app('main'), app('v1.2.3'), app('8d1f3e2'), app('release-1.2')].map((t) => fires('app.yaml', t))).toEqual([1, 1, 0, 0, 1]);
  expect(['>=1.0.0', '1.x', '*', '^2.0.0', '1.2.3', '2.0.0-rc.1'].map((v) => fires('hr.yaml', release(v)))).toEqual([1, 1, 1, 1, 0, 0]);
});

test('floating-chart-version: a Flux chart from a GitRepository or Bucket follows the source, whatever its version says', () => {
  const release = (source: string, extra = '') => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: shop, namespace: web}\nspec:\n  chart:\n    spec:\n      chart: ./charts/shop\n${extra}      sourceRef: {kind: ${source}, name: platform, namespace: flux-system}\n`;
  const plain = run(inventory('hr.yaml', release('GitRepository')));
  expect(plain).toEqual([
    'info floating-chart-version:7 HelmRelease shop takes its chart from `./charts/shop` of GitRepository flux-system/platform; Flux takes no `version` for charts from a GitRepository: what installs is that path at the revision the GitRepository tracks, and a new chart is packaged when the version in its Chart.yaml changes (reconcileStrategy ChartVersion, the default); imagepin does not read the GitRepository\'s `spec.ref` here, so whether that revision is pinned is not known. | Pin the GitRepository to a tag or commit (`spec.ref.tag`, `spec.ref.commit`), or make sure only reviewed merges reach the branch it tracks.',
  ]);
  expect(plain.join('\n')).not.toMatch(/newest chart release/);
  const written = run(inventory('hr.yaml', release('GitRepository', '      version: "1.4.0"\n      reconcileStrategy: Revision\n')));
  expect(written).toEqual([expect.stringMatching(/^info floating-chart-version:8 .*its `version: 1\.4\.0` is ignored .*every new revision of the source is packaged and installed \(reconcileStrategy Revision\)/)]);
  expect(run(inventory('hr.yaml', release('Bucket', '      version: ">=1.0.0"\n')))).toEqual([expect.stringMatching(/^info floating-chart-version:8 .*of Bucket flux-system\/platform; its `version: >=1\.0\.0` is ignored .*as the bucket holds it/)]);
  expect(run(inventory('hr.yaml', release('HelmRepository')))).toEqual([expect.stringMatching(/^warning floating-chart-version:7 .*has no version: every reconcile installs the newest chart release/)]);
});

test('floating-chart-version: an Argo CD git source says when a push deploys by the sync policy the tree writes (round 11)', () => {
  const app = (policy: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: a}\nspec:\n  source:\n    repoURL: https://github.com/acme/x.git\n    path: apps\n    targetRevision: main\n${policy}`;
  const said = (policy: string) => run(inventory('app.yaml', app(policy))).join('\n');
  expect(said('  syncPolicy:\n    automated: {prune: true}\n')).toMatch(/follows the branch `main`: whatever is pushed there deploys at the next automated sync \(`syncPolicy.automated`\)/);
  expect(said('  syncPolicy:\n    automated: {enabled: false}\n')).toMatch(/automated sync is off here .*so that is a manual one/);
  expect(said('')).toMatch(/the Application sets no automated sync, so that is when someone \(or automated sync switched on outside this repository\) syncs it/);
  expect(said('  syncPolicy:\n    automated: "{{ .auto }}"\n')).toMatch(/imagepin cannot tell from the tree whether sync is automated/);
  expect(said('')).not.toMatch(/pushed there deploys\.|pushed there deploys \|/);
});

test('two-part tags: a release when nothing is below it, partial when the registry has longer tags, no claim offline', () => {
  const release = run(inventory('pod.yaml', pod('postgres:16.4'), { 'docker.io/library/postgres:16.4': { digest: D1, version: '16.4', versionSource: 'tag', partial: false } }));
  expect(release.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['warning unpinned-digest:7']);
  expect(release.join('\n')).not.toMatch(/partial|development build/);
  const partial = run(inventory('pod.yaml', pod('redis:7.2'), { 'docker.io/library/redis:7.2': { digest: D1, version: '7.2.5', versionSource: 'shared-digest', partial: true } }));
  expect(partial[0]).toBe(`error floating-tag:7 \`redis:7.2\` is a partial version: the registry has longer tags below it, and it moves with each of them: any push to it changes what is pulled, and a node restart can pick up a new build; today it is release 7.2.5 (sha256:111111111111…). | Pin it: \`redis:7.2.5@${D1}\`.`);
  const offline = run(inventory('pod.yaml', pod('postgres:16.4')));
  expect(offline[0]).toMatch(/^warning floating-tag:7 `postgres:16.4` is a release, or a partial version .*imagepin could not tell which \(offline\)\./);
  expect(offline.join('\n')).not.toMatch(/development build|is a partial version/);
});

test('public-registry states what the mirror serves: same digest, another digest, absent, unreachable, not asked', () => {
  const config = 'mirrors: {docker.io: harbor.example.com/dockerhub}\nrules: {unpinned-digest: off}';
  const withMirror = (mirror: Partial<Resolution> | undefined): string => {
    const inv = inventory('pod.yaml', pod('nginx:1.27.3'), { 'docker.io/library/nginx:1.27.3': { digest: D1, version: '1.27.3', versionSource: 'tag' } });
    if (mirror) inv.mirrorResolutions = new Map([['docker.io/library/nginx:1.27.3', { reference: 'harbor.example.com/dockerhub/library/nginx:1.27.3', status: 'resolved', ...mirror } as Resolution]]);
    return run(inv, config)[0]!.split('; ').slice(1).join('; ');
  };
  expect(withMirror({ digest: D1 })).toBe('the mirror serves the same digest (sha256:111111111111…). | Use the mirror: `harbor.example.com/dockerhub/library/nginx:1.27.3`.');
  expect(withMirror({ digest: D2 })).toBe(`the mirror serves another digest for it: \`${D2}\`, upstream \`${D1}\`. | Sync the mirror (it holds an older or other build), then use \`harbor.example.com/dockerhub/library/nginx:1.27.3\`.`);
  expect(withMirror({ status: 'unresolved', error: { kind: 'not-found', message: 'not found', retryable: false } })).toBe('the mirror does not have `harbor.example.com/dockerhub/library/nginx:1.27.3`. | Replicate the image into the mirror, then use `harbor.example.com/dockerhub/library/nginx:1.27.3`.');
  expect(withMirror({ status: 'unresolved', error: { kind: 'timeout', message: 'registry timed out', retryable: true } })).toBe('the mirror could not be checked (registry timed out). | Use the mirror: `harbor.example.com/dockerhub/library/nginx:1.27.3`, once it answers and serves the same digest.');
  expect(withMirror(undefined)).toBe('imagepin did not check the mirror. | Use the mirror: `harbor.example.com/dockerhub/library/nginx:1.27.3`, after checking it serves the same digest.');
});
