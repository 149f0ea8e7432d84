import { MemorySource } from '../../sources/memory.js';
import { toJson } from '../../reporters/json.js';
import { toText } from '../../reporters/text.js';
import { toSarif } from '../../reporters/sarif.js';
import { notFollowedAnnotations } from '../../reporters/annotations.js';
import { checkOutput } from '../../reporters/check-summary.js';
import { scanSource } from '../scan.js';

const job = (image: string): string => `apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    spec:\n      containers:\n        - name: migrate\n          image: ${image}\n`;
const stream = (image: string): string => `apiVersion: platform.example.io/v1\nkind: StreamProcessor\nmetadata: {name: sp}\nspec:\n  image: ${image}\n`;

/** A base whose kustomization lists one manifest, names a second only in a comment, and an overlay over it. */
const base = (extra: Record<string, string> = {}): Record<string, string> => ({
  'shop/base/kustomization.yaml': 'resources:\n  - orders.yaml\n  # - reports.yaml (off until the reporting cluster is ready)\n',
  'shop/base/orders.yaml': job('ghcr.io/shop/orders:3.1.0'),
  'shop/base/reports.yaml': stream('ghcr.io/shop/reports:0.9.0'),
  'shop/prod/kustomization.yaml': 'resources: [../base]\n',
  ...extra,
});

const files = async (tree: Record<string, string>) => {
  const inventory = await scanSource(new MemorySource(tree));
  return { inventory, reported: [...new Set(inventory.occurrences.map((o) => o.file))].sort(), notices: (inventory.notFollowed ?? []).filter((n) => n.code === 'not-in-kustomization').map((n) => `${n.file} ${n.url}`) };
};

test('a manifest no kustomization lists is a notice naming its folder\'s kustomization, and its images are not reported', async () => {
  const { inventory, reported, notices } = await files(base());
  expect(reported).toEqual(['shop/base/orders.yaml']);
  expect(notices).toEqual(['shop/base/reports.yaml shop/base/kustomization.yaml']);
  expect(inventory.diagnostics).toEqual([]);
  const json = JSON.parse(toJson(inventory));
  expect(json.summary.notFollowed).toBe(1);
  expect(json.notFollowed[0]).toMatchObject({
    file: 'shop/base/reports.yaml', code: 'not-in-kustomization', url: 'shop/base/kustomization.yaml', span: { start: { line: 1, col: 1 } },
    message: 'imagepin did not check the images in shop/base/reports.yaml:1: no kustomization of the tree lists the file, and kustomize, Flux and Argo CD build its folder from shop/base/kustomization.yaml, which does not',
  });
  const text = toText(inventory, false);
  expect(text).toContain('not-in-kustomization  imagepin did not check the images in shop/base/reports.yaml:1');
  expect(text).toContain('1 file in no kustomization not checked');
  expect(text).not.toContain('remote source');
  const sarif = toSarif([], '0.0.0', undefined, undefined, inventory.notFollowed);
  expect(sarif.runs[0]!.invocations![0]!.toolExecutionNotifications![0]).toMatchObject({ level: 'note', descriptor: { id: 'not-in-kustomization' } });
  expect(sarif.runs[0]!.results).toEqual([]);
  expect(notFollowedAnnotations(inventory.notFollowed!)).toEqual([expect.objectContaining({ path: 'shop/base/reports.yaml', start_line: 1, annotation_level: 'notice', title: 'Not checked (not-in-kustomization)' })]);
  const summary = checkOutput({ findings: [], failOn: 'error', references: 1, diagnostics: [], preExisting: 0, unlisted: 1 }).summary;
  expect(summary).toContain('imagepin did not check the images of 1 manifest that no kustomization of the tree lists (annotated as notices).');
  expect(summary).not.toContain('remote source');
});

test('a file named in any field of any kustomization counts as listed', async () => {
  const named = async (extra: Record<string, string>) => (await files(base(extra))).notices;
  expect(await named({ 'shop/prod/kustomization.yaml': 'resources: [../base, ../base/reports.yaml]\n' })).toEqual([]);
  expect(await named({ 'shop/prod/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: ../base/reports.yaml\n' })).toEqual([]);
  expect(await named({ 'shop/base/kustomization.yaml': 'resources: [orders.yaml]\nconfigMapGenerator:\n  - name: spec\n    files: [reports.yaml]\n' })).toEqual([]);
  expect(await named({ 'shop/base/kustomization.yaml': 'resources: [orders.yaml]\nhelmCharts:\n  - {name: reporting, repo: https://charts.example.com, version: 1.0.0, valuesFile: reports.yaml}\n' })).toEqual([]);
  expect(await named({ 'shop/base/kustomization.yaml': 'resources: [orders.yaml]\ntransformers: [reports.yaml]\n' })).toEqual([]);
});

test('only Kubernetes manifests in a kustomization\'s own folder are said unlisted', async () => {
  const { reported, notices } = await files(base({
    'shop/base/values.yaml': 'image:\n  repository: ghcr.io/shop/chart-app\n  tag: 2.0.0\n',
    'shop/base/extras/cron.yaml': job('ghcr.io/shop/cron:1.0.0'),
  }));
  expect(notices).toEqual(['shop/base/reports.yaml shop/base/kustomization.yaml']);
  expect(reported).toEqual(['shop/base/extras/cron.yaml', 'shop/base/orders.yaml', 'shop/base/values.yaml']);
  // Talos config is never said unlisted: a machine config whose only image is in an inline manifest, a Talos 1.14 document.
  const talos = 'version: v1alpha1\nmachine: {type: controlplane}\ncluster:\n  inlineManifests:\n    - name: tool\n      contents: |\n        apiVersion: v1\n        kind: Pod\n        metadata: {name: tool}\n        spec:\n          containers: [{name: t, image: ghcr.io/shop/tool:1.0.0}]\n';
  const withTalos = await files(base({ 'shop/base/controlplane.yaml': talos, 'shop/base/kubelet.yaml': 'apiVersion: v1alpha1\nkind: KubeletConfig\nimage: ghcr.io/siderolabs/kubelet:v1.33.0\n' }));
  expect(withTalos.inventory.occurrences.filter((o) => o.file === 'shop/base/controlplane.yaml').map((o) => o.format)).toEqual(['kubernetes']);
  expect(withTalos.reported).toEqual(['shop/base/controlplane.yaml', 'shop/base/kubelet.yaml', 'shop/base/orders.yaml']);
  expect(withTalos.notices).toEqual(['shop/base/reports.yaml shop/base/kustomization.yaml']);
});

test('fail closed: nothing is said where the tree holds what imagepin cannot follow', async () => {
  const none = async (extra: Record<string, string>) => (await files(base(extra))).notices;
  // A kustomization elsewhere that does not parse, or that lists a glob, might name the file.
  expect(await none({ 'other/kustomization.yaml': 'resources: [a.yaml\n' })).toEqual([]);
  expect(await none({ 'other/kustomization.yaml': 'resources: ["../shop/base/*.yaml"]\n' })).toEqual([]);
  // The folder's kustomization includes what the tree does not hold: remote, or missing.
  expect(await none({ 'shop/base/kustomization.yaml': 'resources:\n  - orders.yaml\n  - https://github.com/shop/shared//jobs?ref=v1\n' })).toEqual([]);
  expect(await none({ 'shop/base/kustomization.yaml': 'resources: [orders.yaml, gone.yaml]\n' })).toEqual([]);
  // A kustomization that includes nothing (only image rewrites) is not how its folder is deployed.
  expect(await none({ 'shop/base/kustomization.yaml': 'images:\n  - {name: ghcr.io/shop/orders, newTag: 3.2.0}\n' })).toEqual([]);
  // Two kustomization files in one folder (kustomize refuses to build it).
  expect(await none({ 'shop/base/kustomization.yml': 'resources: [reports.yaml]\n' })).toEqual([]);
});

test('an Argo CD directory or plugin source that may read the folder turns the rule off there', async () => {
  const app = (source: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: shop}\nspec:\n  source:\n    repoURL: https://git.example.com/shop.git\n${source}`;
  const none = async (extra: Record<string, string>) => (await files(base(extra))).notices;
  expect(await none({ 'argo/shop.yaml': app('    path: shop/base\n    directory: {include: "*.yaml"}\n') })).toEqual([]);
  expect(await none({ 'argo/shop.yaml': app('    path: shop\n    directory: {recurse: true}\n') })).toEqual([]);
  expect(await none({ 'argo/shop.yaml': app('    path: shop/base\n    plugin: {name: vault-kustomize}\n') })).toEqual([]);
  const set = 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: all}\nspec:\n  generators: [{list: {elements: [{dir: shop/base}]}}]\n  template:\n    metadata: {name: x}\n    spec:\n      source: {repoURL: https://git.example.com/shop.git, path: "{{dir}}", directory: {}}\n';
  expect(await none({ 'argo/all.yaml': set })).toEqual([]);
  const patched = 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: all}\nspec:\n  goTemplate: true\n  generators: [{list: {elements: [{dir: shop/base}]}}]\n  template:\n    metadata: {name: x}\n    spec: {source: {repoURL: https://git.example.com/shop.git, path: tools}}\n  templatePatch: |\n    spec:\n      source:\n        directory: {recurse: true}\n';
  expect(await none({ 'argo/all.yaml': patched })).toEqual([]);
  // A directory source on another folder leaves this one to its kustomization.
  expect(await none({ 'argo/shop.yaml': app('    path: tools\n    directory: {}\n'), 'tools/pod.yaml': job('ghcr.io/shop/tool:1.0.0') })).toEqual(['shop/base/reports.yaml shop/base/kustomization.yaml']);
});

test('with only some files of the tree read (a pull request), nothing is said', async () => {
  class Partial extends MemorySource {
    async tree(): Promise<readonly string[]> {
      return [...(await this.list()).map((f) => f.path), 'shop/staging/kustomization.yaml'];
    }
  }
  const inventory = await scanSource(new Partial(base()));
  expect(inventory.notFollowed ?? []).toEqual([]);
  expect(inventory.occurrences.map((o) => o.file)).toContain('shop/base/reports.yaml');
});
