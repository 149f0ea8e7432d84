import { MemorySource } from '../../sources/memory.js';
import type { Inventory } from '../scan.js';
import { scanSource } from '../scan.js';

/** A chart's values with an exporter switched off, as many charts ship it. */
const base = 'image:\n  repository: ghcr.io/example/shop\n  tag: 2.1.0\nmetrics:\n  enabled: false\n  image:\n    repository: quay.io/example/shop-exporter\n    tag: 0.3.0\n';
const exporter = 'quay.io/example/shop-exporter:0.3.0';

const found = (inventory: Inventory) => ({
  occurrences: inventory.occurrences.filter((o) => o.raw === exporter).map((o) => ({ file: o.file, notes: o.notes })),
  notices: (inventory.notFollowed ?? []).filter((n) => n.code === 'disabled-in-values').map((n) => `${n.file} ${n.field}`),
});

const app = (files: string[], params = ''): string => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: shop\nspec:\n  source:\n    repoURL: https://github.com/example/gitops.git\n    path: charts/shop\n    helm:\n      valueFiles: [${files.join(', ')}]\n${params}  destination:\n    namespace: shop\n`;

test('Argo CD valueFiles: a later file that sets metrics.enabled: true makes the exporter an occurrence again, with a note naming the file', async () => {
  const inventory = await scanSource(new MemorySource({
    'apps/shop.yaml': app(['values.yaml', 'values-prod.yaml']),
    'charts/shop/values.yaml': base,
    'charts/shop/values-prod.yaml': 'metrics:\n  enabled: true\n',
  }));
  const { occurrences, notices } = found(inventory);
  expect(notices).toEqual([]);
  expect(occurrences).toEqual([{ file: 'charts/shop/values.yaml', notes: [expect.stringContaining('charts/shop/values-prod.yaml (a values file of apps/shop.yaml) sets metrics.enabled to true (line 2)')] }]);
});

test('Argo CD valueFiles: a later file that keeps it off, or helm.parameters that set it false, leave the notice', async () => {
  const off = await scanSource(new MemorySource({
    'apps/shop.yaml': app(['values.yaml', 'values-prod.yaml']),
    'charts/shop/values.yaml': base,
    'charts/shop/values-prod.yaml': 'metrics:\n  serviceMonitor: true\n',
  }));
  expect(found(off)).toEqual({ occurrences: [], notices: ['charts/shop/values.yaml metrics.enabled'] });
  const param = await scanSource(new MemorySource({
    'apps/shop.yaml': app(['values.yaml', 'values-prod.yaml'], '      parameters:\n        - name: metrics.enabled\n          value: "true"\n'),
    'charts/shop/values.yaml': base,
    'charts/shop/values-prod.yaml': 'metrics:\n  enabled: false\n',
  }));
  expect(found(param).notices).toEqual([]);
  expect(found(param).occurrences[0]?.notes?.[0]).toContain('helm.parameters of apps/shop.yaml sets metrics.enabled to true');
});

test('Argo CD helm.valuesObject, merged over every values file, enables it too', async () => {
  const inventory = await scanSource(new MemorySource({
    'apps/shop.yaml': app(['values.yaml'], '      valuesObject:\n        metrics:\n          enabled: true\n'),
    'charts/shop/values.yaml': base,
  }));
  expect(found(inventory).notices).toEqual([]);
  expect(found(inventory).occurrences[0]?.notes?.[0]).toContain('helm.valuesObject (or helm.values) of apps/shop.yaml sets metrics.enabled to true');
});

test('a values file two Applications layer: one that enables it makes it an occurrence, with only that one named', async () => {
  const inventory = await scanSource(new MemorySource({
    'apps/shop.yaml': app(['values.yaml', 'values-prod.yaml']),
    'apps/shop-staging.yaml': app(['values.yaml']).replace('name: shop', 'name: shop-staging'),
    'charts/shop/values.yaml': base,
    'charts/shop/values-prod.yaml': 'metrics:\n  enabled: true\n',
  }));
  expect(found(inventory).notices).toEqual([]);
  const notes = found(inventory).occurrences[0]?.notes ?? [];
  expect(notes).toEqual([expect.stringContaining('values-prod.yaml (a values file of apps/shop.yaml) sets metrics.enabled to true')]);
  expect(notes[0]).not.toContain('shop-staging');
});

test('a plain values file that no release names keeps its notice', async () => {
  const inventory = await scanSource(new MemorySource({ 'charts/shop/values.yaml': base, 'charts/shop/values-prod.yaml': 'metrics:\n  enabled: true\n' }));
  expect(found(inventory)).toEqual({ occurrences: [], notices: ['charts/shop/values.yaml metrics.enabled'] });
});

const release = (valuesFrom: string, values = ''): string => `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: shop\n  namespace: shop\nspec:\n  chart:\n    spec:\n      chart: shop\n      version: 1.4.0\n  valuesFrom:\n${valuesFrom}${values}`;
const kustomization = 'resources: [release.yaml]\nconfigMapGenerator:\n  - name: shop-values\n    namespace: shop\n    files: [values.yaml=shop-values.yaml]\n    options:\n      disableNameSuffixHash: true\n';

test('Flux valuesFrom: spec.values that enables the block of a generated ConfigMap\'s values file makes it an occurrence', async () => {
  const inventory = await scanSource(new MemorySource({
    'apps/shop/kustomization.yaml': kustomization,
    'apps/shop/shop-values.yaml': base,
    'apps/shop/release.yaml': release('    - kind: ConfigMap\n      name: shop-values\n', '  values:\n    metrics:\n      enabled: true\n'),
  }));
  const { occurrences, notices } = found(inventory);
  expect(notices).toEqual([]);
  expect(occurrences).toEqual([{ file: 'apps/shop/shop-values.yaml', notes: [expect.stringContaining('spec.values of apps/shop/release.yaml sets metrics.enabled to true')] }]);
});

test('Flux valuesFrom: a ConfigMap manifest merged after spec.values is not, so an image disabled in spec.values stays a notice; one disabled in the ConfigMap and enabled later runs', async () => {
  const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shop-values\n  namespace: shop\ndata:\n  values.yaml: |\n${'metrics:\n  enabled: true\n'.replace(/^/gm, '    ')}`;
  const disabledInline = await scanSource(new MemorySource({
    'apps/shop/kustomization.yaml': 'resources: [release.yaml, values.yaml]\n',
    'apps/shop/values.yaml': configMap,
    'apps/shop/release.yaml': release('    - kind: ConfigMap\n      name: shop-values\n', `  values:\n${base.replace(/^/gm, '    ')}`),
  }));
  expect(found(disabledInline)).toEqual({ occurrences: [], notices: ['apps/shop/release.yaml spec.values.metrics.enabled'] });
  const later = await scanSource(new MemorySource({
    'apps/shop/kustomization.yaml': kustomization,
    'apps/shop/shop-values.yaml': base,
    'apps/shop/extra.yaml': configMap.replace('shop-values', 'shop-extra'),
    'apps/shop/release.yaml': release('    - kind: ConfigMap\n      name: shop-values\n    - kind: ConfigMap\n      name: shop-extra\n'),
  }));
  expect(found(later).notices).toEqual([]);
  expect(found(later).occurrences[0]?.notes?.[0]).toContain('ConfigMap shop-extra key values.yaml');
});

test('Flux valuesFrom: a Secret after the values file may enable it (not in the tree), so it is an occurrence; one before it cannot', async () => {
  const after = await scanSource(new MemorySource({
    'apps/shop/kustomization.yaml': kustomization,
    'apps/shop/shop-values.yaml': base,
    'apps/shop/release.yaml': release('    - kind: ConfigMap\n      name: shop-values\n    - kind: Secret\n      name: shop-secret-values\n'),
  }));
  expect(found(after).notices).toEqual([]);
  expect(found(after).occurrences[0]?.notes?.[0]).toContain('metrics.enabled may be set by a layer imagepin cannot read: values from Secret shop-secret-values');
  const before = await scanSource(new MemorySource({
    'apps/shop/kustomization.yaml': kustomization,
    'apps/shop/shop-values.yaml': base,
    'apps/shop/release.yaml': release('    - kind: Secret\n      name: shop-secret-values\n    - kind: ConfigMap\n      name: shop-values\n'),
  }));
  expect(found(before)).toEqual({ occurrences: [], notices: ['apps/shop/shop-values.yaml metrics.enabled'] });
});

test('a kustomize patch of a HelmRelease that sets metrics.enabled: true makes the image of its spec.values an occurrence', async () => {
  const plain = `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: shop\nspec:\n  chart:\n    spec:\n      chart: shop\n  values:\n${base.replace(/^/gm, '    ')}`;
  const overlay = 'resources: [../base]\npatches:\n  - target: {kind: HelmRelease, name: shop}\n    patch: |\n      apiVersion: helm.toolkit.fluxcd.io/v2\n      kind: HelmRelease\n      metadata:\n        name: shop\n      spec:\n        values:\n          metrics:\n            enabled: true\n';
  const other = overlay.replace('name: shop}', 'name: other}').replace('name: shop\n      spec', 'name: other\n      spec');
  const tree = (patch: string) => new MemorySource({ 'shop/base/release.yaml': plain, 'shop/base/kustomization.yaml': 'resources: [release.yaml]\n', 'shop/prod/kustomization.yaml': patch });
  const enabled = await scanSource(tree(overlay));
  expect(found(enabled).notices).toEqual([]);
  expect(found(enabled).occurrences).toEqual([{ file: 'shop/base/release.yaml', notes: [expect.stringContaining('a patch of HelmRelease shop, shop/prod/kustomization.yaml line 3) sets metrics.enabled to true')] }]);
  // A patch of another release leaves it disabled.
  expect(found(await scanSource(tree(other)))).toEqual({ occurrences: [], notices: ['shop/base/release.yaml spec.values.metrics.enabled'] });
});

test('a helmfile release\'s later values entry, or a kustomize helmCharts valuesInline, decides a named values file\'s enabled: false', async () => {
  const helmfile = (later: string) => `releases:\n  - name: shop\n    chart: example/shop\n    values:\n      - values.yaml\n${later}`;
  const tree = (later: string) => new MemorySource({ 'shop/helmfile.yaml': helmfile(later), 'shop/values.yaml': base, 'shop/prod-values.yaml': 'metrics:\n  enabled: true\n' });
  expect(found(await scanSource(tree('')))).toEqual({ occurrences: [], notices: ['shop/values.yaml metrics.enabled'] });
  const inline = await scanSource(tree('      - metrics:\n          enabled: true\n'));
  expect(found(inline).occurrences[0]?.notes?.[0]).toContain('the inline values of helmfile release shop of shop/helmfile.yaml (line 6) sets metrics.enabled to true');
  const file = await scanSource(tree('      - prod-values.yaml\n'));
  expect(found(file).notices).toEqual([]);
  expect(found(file).occurrences[0]?.notes?.[0]).toContain('shop/prod-values.yaml (a values file of helmfile release shop of shop/helmfile.yaml) sets metrics.enabled to true');
  const charts = await scanSource(new MemorySource({
    'shop/kustomization.yaml': 'helmCharts:\n  - name: shop\n    repo: https://charts.example.com\n    version: 1.4.0\n    valuesFile: values.yaml\n    valuesInline:\n      metrics:\n        enabled: true\n',
    'shop/values.yaml': base,
  }));
  expect(found(charts).notices).toEqual([]);
  expect(found(charts).occurrences[0]?.notes?.[0]).toContain('the inline values of helmCharts entry shop of shop/kustomization.yaml');
});

test('a later values file that spells the key with an escape ("\\u0065nabled") still enables it: the text check before the walk lets escapes through', async () => {
  const inventory = await scanSource(new MemorySource({
    'apps/shop.yaml': app(['values.yaml', 'values-prod.yaml']),
    'charts/shop/values.yaml': base,
    'charts/shop/values-prod.yaml': 'metrics:\n  "\\u0065nabled": true\n',
  }));
  expect(found(inventory).notices).toEqual([]);
  expect(found(inventory).occurrences.map((o) => o.file)).toEqual(['charts/shop/values.yaml']);
});
