import { extractFixture } from '../../../test/helpers/summary.js';

const here = new URL('.', import.meta.url);

test('HelmRelease values, post-renderer images, OCIRepository refs and Kustomization images', () => {
  const { occurrences, result } = extractFixture(here, 'release.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(result.formats).toEqual(['flux']);
  expect(occurrences).toEqual([
    {
      ref: 'docker.io/bitnami/redis:7.4.1', shape: 'fields', path: 'spec.values.image', owner: 'HelmRelease cache redis@20.x',
      parts: { repository: '27:19-27:32 bitnami/redis', tag: '28:12-28:17 7.4.1' },
    },
    {
      ref: 'docker.io/bitnami/redis-sentinel', shape: 'fields', path: 'spec.values.sentinel.image', owner: 'HelmRelease cache redis@20.x', skip: 'tag-from-chart',
      parts: { repository: '31:21-31:43 bitnami/redis-sentinel' },
    },
    {
      ref: 'mirror.example.com/bitnami/os-shell:12', shape: 'kustomize-image', path: 'spec.postRenderers[0].kustomize.images[0]', owner: 'HelmRelease cache redis@20.x',
      parts: { repository: '36:22-36:57 mirror.example.com/bitnami/os-shell', tag: '37:22-37:24 12' },
    },
    {
      ref: 'ghcr.io/stefanprodan/charts/podinfo:6.7.1', shape: 'oci-repository', path: 'spec', owner: 'OCIRepository podinfo',
      parts: { repository: '55:8-55:49 oci://ghcr.io/stefanprodan/charts/podinfo', tag: '57:10-57:15 6.7.1' },
    },
    {
      ref: 'ghcr.io/acme/web:${WEB_TAG}', shape: 'kustomize-image', path: 'spec.images[0]', owner: 'Kustomization apps', skip: 'templated',
      parts: { repository: '76:13-76:29 ghcr.io/acme/web', tag: '77:15-77:25 ${WEB_TAG}' },
    },
  ]);
});

test('charts, chart sources and repositories are recorded with their version nodes', () => {
  const { result, text } = extractFixture(here, 'release.yaml');
  const version = (start?: number, end?: number): string => (start === undefined ? '' : text.slice(start, end));
  expect(result.charts.map((c) => [c.type, c.owner.kind, c.owner.name, c.chart, c.version, c.sourceRef, c.repoURL, version(c.versionNode?.span.start.offset, c.versionNode?.span.end.offset)])).toEqual([
    ['helm', 'HelmRelease', 'cache', 'redis', '20.x', 'HelmRepository/flux-system/bitnami', undefined, '20.x'],
    ['oci', 'HelmRelease', 'podinfo', undefined, undefined, 'OCIRepository/apps/podinfo', undefined, ''],
    ['oci', 'OCIRepository', 'podinfo', undefined, '6.7.1', undefined, 'oci://ghcr.io/stefanprodan/charts/podinfo', '6.7.1'],
    ['oci', 'OCIRepository', 'manifests', undefined, '>=1.0.0', undefined, 'oci://ghcr.io/acme/manifests', '">=1.0.0"'],
  ]);
  expect(result.repositories).toEqual([
    expect.objectContaining({ kind: 'HelmRepository', name: 'bitnami', namespace: 'flux-system', url: 'oci://registry-1.docker.io/bitnamicharts', type: 'oci' }),
  ]);
});

test('OCIRepository chart artifacts are kept apart from images in the JSON and its counts', async () => {
  const { toJson } = await import('../../reporters/json.js');
  const { result } = extractFixture(here, 'release.yaml');
  const doc = JSON.parse(toJson({ source: 't', files: [], occurrences: result.occurrences, charts: [], mirrors: [], repositories: [], diagnostics: [] }));
  expect(doc.summary).toMatchObject({ occurrences: 4, artifacts: 1 });
  expect(doc.artifacts.map((a: { raw: string; shape: string }) => [a.raw, a.shape])).toEqual([['ghcr.io/stefanprodan/charts/podinfo:6.7.1', 'oci-repository']]);
  expect(doc.occurrences.some((o: { shape: string }) => o.shape === 'oci-repository')).toBe(false);
});
