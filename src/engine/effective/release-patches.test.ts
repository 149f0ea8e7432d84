import { fileURLToPath } from 'node:url';
import { LocalSource } from '../../sources/local.js';
import { MemorySource } from '../../sources/memory.js';
import type { Occurrence } from '../../model/occurrence.js';
import { scanSource } from '../scan.js';

const fixture = fileURLToPath(new URL('__fixtures__/release-patches', import.meta.url));
const runs = (o: Occurrence | undefined): string[] => (o?.effective ?? []).map((e) => `${e.for?.file} => ${e.reference?.canonical ?? `unknown: ${e.unknown}`}${e.provenance.map((p) => ` | ${p.kind} ${p.file}:${p.line}`).join('')}`);
const lineOf = (o: Occurrence): number | undefined => (o.parts.image ?? o.parts.repository)?.span.start.line;

test('patches of a HelmRelease rewrite the images of its values: inline, patch files, Flux spec.patches, each with the patch as provenance', async () => {
  const inventory = await scanSource(new LocalSource(fixture));
  expect(inventory.diagnostics).toEqual([]);
  const at = (file: string, line: number): Occurrence | undefined => inventory.occurrences.find((o) => o.file === file && lineOf(o) === line);
  const release = 'apps/jellyfin/app/helmrelease.yaml';
  const home = 'apps/jellyfin/overlays/home/kustomization.yaml';
  const files = 'apps/jellyfin/overlays/files';
  // A tag-only strategic merge keeps the repository; the patch named `other` selects nothing.
  expect(runs(at(release, 17))).toEqual([
    'clusters/jellyfin.yaml => ghcr.io/example/jellyfin:10.11.0 | flux-patch clusters/jellyfin.yaml:15 | flux-substitute clusters/jellyfin.yaml:1',
    `${files}/kustomization.yaml => ghcr.io/example/jellyfin-nightly:2026.12.01 | kustomize-patch ${files}/release-patch.yaml:8 | kustomize-patch ${files}/release-patch.yaml:9`,
    `${home} => ghcr.io/example/jellyfin:10.10.3 | kustomize-patch ${home}:14`,
  ]);
  expect(at(release, 17)?.decidedElsewhere).toMatch(/^every kustomization that builds this file sets the image's tag or digest/);
  // An RFC 6902 op that replaces the whole image map without its registry: the chart's default decides, so unknown.
  expect(runs(at(release, 22))).toEqual([
    `${files}/kustomization.yaml => unknown: ${files}/kustomization.yaml line 7: the patch replaces or removes values key worker.image (${files}/worker-ops.yaml line 1) without writing worker.image.registry, so the chart's default decides it | kustomize-patch ${files}/worker-ops.yaml:4 | kustomize-patch ${files}/worker-ops.yaml:5`,
    `${home} => ghcr.io/example/jellyfin-worker:1.2.0 | kustomize-patch ${home}:22`,
  ]);
  // The patch files' own images are reported where written, noted as patches.
  expect(at(`${files}/release-patch.yaml`, 8)?.notes).toEqual([expect.stringMatching(/^this file is a strategic-merge patch: it sets the values of the HelmRelease/)]);
  expect(at(`${files}/worker-ops.yaml`, 4)).toMatchObject({ format: 'kustomize', raw: 'example/jellyfin-worker:1.3.0' });
});

const releaseText = (extra = ''): string => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\nspec:\n${extra}  values:\n    image:\n      repository: ghcr.io/example/web\n      tag: 1.0.0\n`;

async function webRuns(patch: string, extra?: string): Promise<string[]> {
  const overlay = `resources: [../base]\npatches:\n  - target: {kind: HelmRelease, name: web}\n    patch: |\n${patch.replace(/^/gm, '      ')}\n`;
  const inventory = await scanSource(new MemorySource({ 'web/base/release.yaml': releaseText(extra), 'web/base/kustomization.yaml': 'resources: [release.yaml]\n', 'web/prod/kustomization.yaml': overlay }));
  return runs(inventory.occurrences.find((o) => o.file === 'web/base/release.yaml'));
}

test('what a HelmRelease patch leaves to the chart or to other layers is unknown, with the reason', async () => {
  expect(await webRuns('- op: remove\n  path: /spec/values/image/tag')).toEqual([
    "web/prod/kustomization.yaml => unknown: web/prod/kustomization.yaml line 3: the patch replaces or removes values key image.tag (web/prod/kustomization.yaml line 5) without writing image.tag, so the chart's default decides it",
  ]);
  expect(await webRuns('apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: web}\nspec:\n  values:\n    image: null')).toEqual([
    "web/prod/kustomization.yaml => unknown: web/prod/kustomization.yaml line 3: the patch replaces or removes values key image (web/prod/kustomization.yaml line 10) without writing image.repository, so the chart's default decides it",
  ]);
  expect(await webRuns('- op: replace\n  path: /spec/values/image/tag\n  value: 2.0.0', '  valuesFrom:\n    - {kind: ConfigMap, name: web-values}\n')).toEqual([
    'web/prod/kustomization.yaml => unknown: web/prod/kustomization.yaml line 3: the patch writes the values of a HelmRelease that also reads spec.valuesFrom, which imagepin does not join with a patch',
  ]);
  // A patch that writes other values changes nothing here.
  expect(await webRuns('- op: replace\n  path: /spec/values/replicas\n  value: 2')).toEqual([]);
  expect(await webRuns('- op: replace\n  path: /spec/values/image/tag\n  value: 2.0.0')).toEqual(['web/prod/kustomization.yaml => ghcr.io/example/web:2.0.0 | kustomize-patch web/prod/kustomization.yaml:7']);
});

test('a patch file that is a whole HelmRelease (with its chart) is read as a release of its own: the base line says its values are not known there', async () => {
  const full = releaseText('  chart: {spec: {chart: web, version: 1.0.0}}\n').replace('1.0.0\n', '3.0.0\n');
  const inventory = await scanSource(new MemorySource({
    'web/base/release.yaml': releaseText(), 'web/base/kustomization.yaml': 'resources: [release.yaml]\n',
    'web/prod/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: full-release.yaml\n', 'web/prod/full-release.yaml': full,
  }));
  expect(runs(inventory.occurrences.find((o) => o.file === 'web/base/release.yaml'))).toEqual([
    'web/prod/kustomization.yaml => unknown: web/prod/kustomization.yaml line 3: the patch file web/prod/full-release.yaml is a HelmRelease with a chart, whose values imagepin reads as a release of its own, not as a patch',
  ]);
});

test('a patch file without a chart that writes no image changes no image; one that adds valuesFrom is unknown, for that reason', async () => {
  const scan = async (patch: string): Promise<string[]> => {
    const inventory = await scanSource(new MemorySource({
      'web/base/release.yaml': releaseText('  chart: {spec: {chart: web, version: 1.0.0}}\n'), 'web/base/kustomization.yaml': 'resources: [release.yaml]\n',
      'web/prod/kustomization.yaml': 'resources: [../base]\npatchesStrategicMerge:\n  - schedule.yaml\n', 'web/prod/schedule.yaml': patch,
    }));
    expect(inventory.diagnostics).toEqual([]);
    return runs(inventory.occurrences.find((o) => o.file === 'web/base/release.yaml'));
  };
  const patch = 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: web}\nspec:\n  values:\n    schedule: "0 1 * * *"\n    env: {LOG: debug}\n';
  expect(await scan(patch)).toEqual([]);
  expect(await scan(`${patch}  valuesFrom:\n    - {kind: ConfigMap, name: web-values}\n`)).toEqual([
    'web/prod/kustomization.yaml => unknown: web/prod/kustomization.yaml line 3: the patch file web/prod/schedule.yaml sets spec.valuesFrom of the HelmRelease, which imagepin does not join with a patch',
  ]);
});

test('malformed HelmRelease patches and metadata never throw: each scan ends without an internal error', async () => {
  const patches = [
    '-\n- op: replace\n  path: /spec/values\n- {op: move, from: /spec/values/image, path: /x}\n- op: add\n  path: /spec/values/list/-\n  value: [1]',
    '- op: replace\n  path: /spec\n  value: {values: {image: {tag: 9.9.9}}}',
    'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: web}\nspec:\n  values: [a, b]',
    'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: web}\nspec:\n  values:\n    image: {$patch: delete}\n    other: &a {x: 1}\n    alias: *a',
    '{{ not yaml',
  ];
  for (const patch of patches) {
    for (const metadata of ['  labels: {a: {b: c}}\n', '  annotations: [x]\n', '  labels: null\n']) {
      const release = releaseText().replace('  name: web\n', `  name: web\n${metadata}`);
      const overlay = `resources: [../base]\npatches:\n  - target: {kind: HelmRelease, labelSelector: "a in (b", annotationSelector: x}\n    patch: |\n${patch.replace(/^/gm, '      ')}\n  - target: {kind: HelmRelease}\n    patch: |\n${patch.replace(/^/gm, '      ')}\n`;
      const inventory = await scanSource(new MemorySource({ 'web/base/release.yaml': release, 'web/base/kustomization.yaml': 'resources: [release.yaml]\n', 'web/prod/kustomization.yaml': overlay }));
      expect(inventory.diagnostics.filter((d) => d.code === 'internal-error')).toEqual([]);
      const base = inventory.occurrences.find((o) => o.file === 'web/base/release.yaml');
      // Whatever the patch, the base line says what runs or why that is not known.
      for (const e of base?.effective ?? []) expect(e.reference ?? e.unknown).toBeDefined();
    }
  }
});
