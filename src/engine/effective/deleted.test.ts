import { MemorySource } from '../../sources/memory.js';
import { toJson } from '../../reporters/json.js';
import { toText } from '../../reporters/text.js';
import { checkOutput } from '../../reporters/check-summary.js';
import { notFollowedAnnotations } from '../../reporters/annotations.js';
import { scanSource } from '../scan.js';

const worker = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: worker}\nspec:\n  template:\n    spec:\n      containers:\n        - name: worker\n          image: ghcr.io/mill/worker:2.4.0\n';
const sorter = 'apiVersion: sorting.example.io/v1\nkind: Sorter\nmetadata: {name: belt}\nspec:\n  image: ghcr.io/mill/sorter:0.7.1\n';
const deleteSorter = 'apiVersion: sorting.example.io/v1\nkind: Sorter\nmetadata: {name: belt}\n$patch: delete\n';

/** A base with a Deployment and a custom resource; two overlays, which delete the custom resource inline and by a patch file. */
const tree = (extra: Record<string, string> = {}): Record<string, string> => ({
  'mill/base/kustomization.yaml': 'resources: [worker.yaml, sorter.yaml]\n',
  'mill/base/worker.yaml': worker,
  'mill/base/sorter.yaml': sorter,
  'mill/east/kustomization.yaml': `resources: [../base]\npatches:\n  - patch: |\n      ${deleteSorter.trimEnd().split('\n').join('\n      ')}\n`,
  'mill/west/kustomization.yaml': 'resources: [../base]\npatchesStrategicMerge:\n  - no-sorter.yaml\n',
  'mill/west/no-sorter.yaml': deleteSorter,
  ...extra,
});

const scan = async (files: Record<string, string>) => {
  const inventory = await scanSource(new MemorySource(files));
  const sorters = inventory.occurrences.filter((o) => o.file === 'mill/base/sorter.yaml');
  return { inventory, sorters, notices: (inventory.notFollowed ?? []).filter((n) => n.code === 'deleted-by-patch') };
};

test('an object every kustomization that builds it deletes is a notice naming them, and its images are not reported', async () => {
  const { inventory, sorters, notices } = await scan(tree());
  expect(sorters).toEqual([]);
  expect(inventory.occurrences.map((o) => o.raw)).toEqual(['ghcr.io/mill/worker:2.4.0']);
  expect(inventory.diagnostics).toEqual([]);
  const json = JSON.parse(toJson(inventory));
  expect(json.summary.notFollowed).toBe(1);
  expect(json.notFollowed).toEqual([expect.objectContaining({
    file: 'mill/base/sorter.yaml', code: 'deleted-by-patch', url: 'mill/east/kustomization.yaml', field: 'patches', document: 0, object: 'Sorter belt',
    deletedBy: ['mill/east/kustomization.yaml line 3', 'mill/west/kustomization.yaml line 3'], span: expect.objectContaining({ start: expect.objectContaining({ line: 5 }) }),
    message: 'imagepin did not check the images of Sorter belt in mill/base/sorter.yaml:5: every kustomization of the tree that builds it deletes it with `$patch: delete` (mill/east/kustomization.yaml line 3, mill/west/kustomization.yaml line 3), so kustomize, Flux and Argo CD do not deploy it',
  })]);
  expect(notices).toHaveLength(1);
  const text = toText(inventory, false);
  expect(text).toContain('deleted-by-patch  imagepin did not check the images of Sorter belt in mill/base/sorter.yaml:5');
  expect(text).toContain('1 object every kustomization deletes not checked');
  expect(notFollowedAnnotations(notices)).toEqual([expect.objectContaining({ path: 'mill/base/sorter.yaml', start_line: 5, annotation_level: 'notice', title: 'Not checked (deleted-by-patch)' })]);
  expect(checkOutput({ findings: [], failOn: 'error', references: 1, diagnostics: [], preExisting: 0, deleted: 1 }).summary).toContain('the images of 1 object that every kustomization of the tree building it deletes with `$patch: delete`');
  // A Deployment is deleted alike; the other object of its file stays.
  const both = await scan(tree({ 'mill/base/worker.yaml': `${worker}---\n${sorter.replace('belt', 'spare')}`, 'mill/west/no-sorter.yaml': `${deleteSorter}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: worker}\n$patch: delete\n`, 'mill/east/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: ../west/no-sorter.yaml\n' }));
  expect(both.notices.map((n) => `${n.file} ${n.object}`).sort()).toEqual(['mill/base/sorter.yaml Sorter belt', 'mill/base/worker.yaml Deployment worker']);
  expect(both.inventory.occurrences.map((o) => `${o.file} ${o.raw}`)).toEqual(['mill/base/worker.yaml ghcr.io/mill/sorter:0.7.1']);
});

test('an object only some kustomizations delete stays an occurrence, with a note naming each that does', async () => {
  const { sorters, notices } = await scan(tree({ 'mill/west/kustomization.yaml': 'resources: [../base]\n' }));
  expect(notices).toEqual([]);
  expect(sorters.map((o) => o.notes)).toEqual([['mill/east/kustomization.yaml line 3 deletes this object (`$patch: delete`): it is not deployed where mill/east/kustomization.yaml is built']]);
  // A third overlay that builds the base and deletes nothing keeps it too.
  const third = await scan(tree({ 'mill/north/kustomization.yaml': 'resources: [../base]\n' }));
  expect(third.notices).toEqual([]);
  expect(third.sorters.map((o) => o.notes?.length)).toEqual([2]);
});

test('a patch by target deletes what its target selects, by kind and name', async () => {
  const byTarget = (target: string) => tree({ 'mill/west/kustomization.yaml': `resources: [../base]\npatches:\n  - target: ${target}\n    patch: |\n      apiVersion: any.example.io/v1\n      kind: Any\n      metadata: {name: any}\n      $patch: delete\n` });
  expect((await scan(byTarget('{kind: Sorter, name: belt}'))).notices).toHaveLength(1);
  expect((await scan(byTarget('{kind: Sorter, name: "be.*"}'))).notices).toHaveLength(1);
  expect((await scan(byTarget('{kind: Sorter, name: other}'))).sorters).toHaveLength(1);
  // Labels as the object has them by then are not all known: a selector is not taken as a deletion.
  expect((await scan(byTarget('{kind: Sorter, labelSelector: "app=belt"}'))).sorters).toHaveLength(1);
});

test('fail closed: a patch that does not surely name the object, or a tree not all known, deletes nothing', async () => {
  const west = (patch: string) => tree({ 'mill/west/no-sorter.yaml': patch });
  // Another apiVersion, name or namespace is another object to kustomize; no apiVersion is not known to match.
  expect((await scan(west(deleteSorter.replace('v1', 'v2')))).sorters).toHaveLength(1);
  expect((await scan(west(deleteSorter.replace('{name: belt}', '{name: belt, namespace: other}')))).sorters).toHaveLength(1);
  expect((await scan(west(deleteSorter.replace('apiVersion: sorting.example.io/v1\n', '')))).sorters).toHaveLength(1);
  // `$patch: replace` (or a delete under a key) does not remove the object.
  expect((await scan(west(deleteSorter.replace('delete', 'replace')))).sorters).toHaveLength(1);
  // A Flux Kustomization on the base builds it without the overlays; an Argo CD directory source reads the folder by itself.
  const flux = 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: mill}\nspec:\n  path: ./mill/base\n';
  expect((await scan(tree({ 'clusters/mill.yaml': flux }))).sorters).toHaveLength(1);
  const app = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: mill}\nspec:\n  source: {repoURL: https://git.example.com/mill.git, path: mill/base, directory: {}}\n';
  expect((await scan(tree({ 'argo/mill.yaml': app }))).sorters).toHaveLength(1);
  // A kustomization elsewhere that does not parse might include the base too.
  expect((await scan(tree({ 'other/kustomization.yaml': 'resources: [../mill/base\n' }))).sorters).toHaveLength(1);
});

test('with only some files of the tree read (a pull request), the object stays, with its notes', async () => {
  class Partial extends MemorySource {
    async tree(): Promise<readonly string[]> {
      return [...(await this.list()).map((f) => f.path), 'mill/south/kustomization.yaml'];
    }
  }
  const inventory = await scanSource(new Partial(tree()));
  expect(inventory.notFollowed ?? []).toEqual([]);
  expect(inventory.occurrences.filter((o) => o.file === 'mill/base/sorter.yaml').map((o) => o.notes?.length)).toEqual([2]);
});
