import { MemorySource } from '../../sources/memory.js';
import { scanSource } from '../scan.js';

// A release of our own whose overlay patches in an exporter and switches it off in the same patch.
const release = 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: shop, namespace: shop}\nspec:\n  chart: {spec: {chart: shop, sourceRef: {kind: HelmRepository, name: example}}}\n  values:\n    replicas: 1\n';
const patch = (enabled: string): string => `    patch: |\n      apiVersion: helm.toolkit.fluxcd.io/v2\n      kind: HelmRelease\n      metadata: {name: shop, namespace: shop}\n      spec:\n        values:\n          exporter:\n            enabled: ${enabled}\n            image:\n              repository: quay.io/example/shop-exporter\n              tag: 0.3.0\n`;
const kustomization = (...patches: string[]): string => `resources: [release.yaml]\npatches:\n${patches.map((p) => `  - target: {kind: HelmRelease, name: shop}\n${p}`).join('')}`;
const exporter = 'quay.io/example/shop-exporter:0.3.0';

async function scan(files: Record<string, string>) {
  const inventory = await scanSource(new MemorySource(files));
  return {
    occurrences: inventory.occurrences.filter((o) => o.raw === exporter),
    notices: (inventory.notFollowed ?? []).filter((n) => n.code === 'disabled-in-values'),
  };
}

test('an image a HelmRelease patch writes under its own enabled: false is a notice at its line', async () => {
  const { occurrences, notices } = await scan({ 'shop/release.yaml': release, 'shop/kustomization.yaml': kustomization(patch('false')) });
  expect(occurrences).toEqual([]);
  expect(notices.map((n) => [n.file, n.span?.start.line, n.field, n.url])).toEqual([['shop/kustomization.yaml', 13, 'patches[0].patch.spec.values.exporter.enabled', exporter]]);
});

test('a later patch that enables it, or a patch whose release is not in the tree, keeps the occurrence with a note', async () => {
  const later = '    patch: |\n      - {op: replace, path: /spec/values/exporter/enabled, value: true}\n';
  const enabled = await scan({ 'shop/release.yaml': release, 'shop/kustomization.yaml': kustomization(patch('false'), later) });
  expect(enabled.notices).toEqual([]);
  expect(enabled.occurrences).toHaveLength(1);
  expect(enabled.occurrences[0]!.notes?.join(' ')).toMatch(/sets exporter\.enabled to true/);
  const alone = await scan({ 'shop/kustomization.yaml': 'patches:\n  - target: {kind: HelmRelease, name: shop}\n' + patch('false') });
  expect(alone.notices).toEqual([]);
  expect(alone.occurrences[0]!.notes?.join(' ')).toMatch(/did not find, in the tree, the HelmRelease/);
});

test('enabled: true or a templated value in the patch keeps the occurrence', async () => {
  for (const value of ['true', '"${EXPORTER_ON}"']) {
    const { occurrences, notices } = await scan({ 'shop/release.yaml': release, 'shop/kustomization.yaml': kustomization(patch(value)) });
    expect([occurrences.length, notices.length]).toEqual([1, 0]);
  }
});

test("a Flux Kustomization's inline patch of a release under its path gives the notice at the Flux Kustomization", async () => {
  const flux = `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: shop, namespace: flux-system}\nspec:\n  path: ./shop\n  patches:\n  - target: {kind: HelmRelease, name: shop}\n${patch('false')}`;
  const { occurrences, notices } = await scan({ 'shop/release.yaml': release, 'shop/kustomization.yaml': 'resources: [release.yaml]\n', 'clusters/home/shop.yaml': flux });
  expect(occurrences).toEqual([]);
  expect(notices.map((n) => [n.file, n.field])).toEqual([['clusters/home/shop.yaml', 'spec.patches[0].patch.spec.values.exporter.enabled']]);
});
