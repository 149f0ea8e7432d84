import { extractFile } from '../index.js';
import { isRemoteInclude } from './remote.js';

test.each([
  ['github.com/metallb/metallb/config/native?ref=main', true],
  ['https://github.com/org/repo//deploy/base?ref=v1.2.0', true],
  ['git@github.com:org/repo.git//deploy', true],
  ['ssh://git@gitlab.example.com/org/repo.git//base', true],
  ['git::https://gitlab.example.com/org/repo.git//base?ref=main', true],
  ['https://raw.githubusercontent.com/org/repo/v1/deploy.yaml', true],
  ['gitlab.com/org/repo/base', true],
  ['../shared?version=v2', true],
  ['../../base', false],
  ['deployment.yaml', false],
  ['overlays/github.com-mirror', false],
  ['./ref=1/deploy.yaml', false],
])('%s is remote: %s', (entry, remote) => {
  expect(isRemoteInclude(entry)).toBe(remote);
});

const text = [
  'apiVersion: kustomize.config.k8s.io/v1beta1', // 1
  'kind: Kustomization',
  'resources:',
  '  - deployment.yaml',
  '  - github.com/metallb/metallb/config/native?ref=v0.14.8', // 5
  '  - "https://raw.githubusercontent.com/org/repo/v1/deploy.yaml"',
  'bases: [../base, "git@github.com:org/repo.git//deploy"]',
  'components:',
  '  - https://github.com/org/components//monitoring?ref=v3',
  'helmCharts:', // 10
  '  - name: podinfo',
  '    repo: https://stefanprodan.github.io/podinfo',
  '    version: 6.7.0',
  '',
].join('\n');

test('each remote include is a notice at its scalar (quotes included), not a diagnostic; helmCharts and local paths are none', () => {
  const result = extractFile('apps/web/kustomization.yaml', text);
  expect(result.diagnostics).toEqual([]);
  const at = (n: NonNullable<typeof result.notFollowed>[number]) => [n.field, n.url, `${n.span.start.line}:${n.span.start.col}-${n.span.end.line}:${n.span.end.col}`, n.path];
  expect(result.notFollowed?.map(at)).toEqual([
    ['resources', 'github.com/metallb/metallb/config/native?ref=v0.14.8', '5:5-5:57', ['resources', 1]],
    ['resources', 'https://raw.githubusercontent.com/org/repo/v1/deploy.yaml', '6:5-6:64', ['resources', 2]],
    ['bases', 'git@github.com:org/repo.git//deploy', '7:18-7:55', ['bases', 1]],
    ['components', 'https://github.com/org/components//monitoring?ref=v3', '9:5-9:57', ['components', 0]],
  ]);
  expect(result.notFollowed?.[3]?.message).toBe('imagepin did not read the remote component https://github.com/org/components//monitoring?ref=v3, included by apps/web/kustomization.yaml:9; the images it deploys are not checked');
  expect(new Set(result.notFollowed?.map((n) => n.code))).toEqual(new Set(['remote-not-followed']));
});

test('a kustomization without remote includes, or with includes that are not strings, has no notices', () => {
  expect(extractFile('k/kustomization.yaml', 'resources: [a.yaml, ../b]\n').notFollowed).toBeUndefined();
  const odd = extractFile('k/kustomization.yaml', 'resources: {github.com/x: 1}\nbases: [[github.com/a/b], null, 3]\ncomponents: github.com/a/b\n');
  expect(odd.notFollowed).toBeUndefined();
  expect(odd.diagnostics).toEqual([]);
});

test('a manifest that is not a kustomization is never read for includes', () => {
  const result = extractFile('apps/web/deploy.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nresources:\n  - github.com/org/repo?ref=v1\n');
  expect(result.notFollowed).toBeUndefined();
});
