import { MemorySource } from '../../sources/memory.js';
import type { Occurrence } from '../../model/occurrence.js';
import { scanSource } from '../scan.js';

// Patch targets against the name and namespace kustomize compares (decision 0052): the original id
// and the current one, after the namespace and prefix/suffix transformers that ran before the patch.

const runs = (o: Occurrence | undefined): string[] => (o?.effective ?? []).map((e) => `${e.for?.file} => ${e.reference?.canonical ?? `unknown: ${e.unknown}`}`);

const base = {
  'web/base/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/example/web:1.0.0\n',
  'web/base/kustomization.yaml': 'resources: [deploy.yaml]\n',
};
const op = (field: string, target: string, tag: string): string => `${field}:\n  - target: ${target}\n    patch: |\n      - op: replace\n        path: /spec/template/spec/containers/0/image\n        value: ghcr.io/example/web:${tag}\n`;

async function runOf(files: Record<string, string>): Promise<string[]> {
  const inventory = await scanSource(new MemorySource({ ...base, ...files }));
  return runs(inventory.occurrences.find((o) => o.file === 'web/base/deploy.yaml'));
}

const prod = (patches: string): Record<string, string> => ({ 'web/prod/kustomization.yaml': `resources: [../base]\nnamespace: shop\nnamePrefix: prod-\nnameSuffix: -v2\n${patches}` });

test("a kustomization's patches run before its namespace and prefix/suffix, its patchesJson6902 after them", async () => {
  // An object that writes no namespace is in `default`, as kustomize compares it (EffectiveNamespace).
  expect(await runOf(prod(op('patches', '{kind: Deployment, name: web, namespace: default}', '2.0.0')))).toEqual(['web/prod/kustomization.yaml => ghcr.io/example/web:2.0.0']);
  expect(await runOf(prod(op('patches', '{name: prod-web-v2}', '2.0.0')))).toEqual([]);
  expect(await runOf(prod(op('patches', '{namespace: shop}', '2.0.0')))).toEqual([]);
  expect(await runOf(prod(op('patchesJson6902', '{kind: Deployment, name: prod-web-v2, namespace: shop}', '3.0.0')))).toEqual(['web/prod/kustomization.yaml => ghcr.io/example/web:3.0.0']);
  // The original name still selects after the rename (kustomize tries the original id, then the current one).
  expect(await runOf(prod(op('patchesJson6902', '{kind: Deployment, name: web}', '3.0.0')))).toEqual(['web/prod/kustomization.yaml => ghcr.io/example/web:3.0.0']);
  // A namespace nothing sets and the object does not write is `default`, so another one is known not to select.
  expect(await runOf({ 'web/dev/kustomization.yaml': `resources: [../base]\n${op('patches', '{name: web, namespace: shop}', '2.0.0')}` })).toEqual([]);
});

test('an outer overlay sees the inner one\'s namespace and prefix; its own patches match the original or the current id', async () => {
  const outer = (target: string): Record<string, string> => ({ ...prod(''), 'web/edge/kustomization.yaml': `resources: [../prod]\nnamespace: edge\n${op('patches', target, '4.0.0')}` });
  expect(await runOf(outer('{name: prod-web-v2, namespace: shop}'))).toEqual(['web/edge/kustomization.yaml => ghcr.io/example/web:4.0.0']);
  expect(await runOf(outer('{name: web, namespace: default}'))).toEqual(['web/edge/kustomization.yaml => ghcr.io/example/web:4.0.0']);
  expect(await runOf(outer('{name: "prod-.*", namespace: "sh.p"}'))).toEqual(['web/edge/kustomization.yaml => ghcr.io/example/web:4.0.0']);
  // edge's own namespace is set after its patches.
  expect(await runOf(outer('{name: web, namespace: edge}'))).toEqual([]);
});

test('a strategic-merge patch without a target finds its object by any id it has had, namespaces compared as effective', async () => {
  const smp = (name: string, namespace: string): Record<string, string> => ({
    ...prod(''),
    'web/edge/kustomization.yaml': 'resources: [../prod]\npatches:\n  - path: image.yaml\n',
    'web/edge/image.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${namespace}spec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/example/web:5.0.0\n`,
  });
  expect(await runOf(smp('prod-web-v2', '  namespace: shop\n'))).toEqual(['web/edge/kustomization.yaml => ghcr.io/example/web:5.0.0']);
  expect(await runOf(smp('web', ''))).toEqual(['web/edge/kustomization.yaml => ghcr.io/example/web:5.0.0']);
  // The name as first written with the namespace set later was never one id of the object.
  expect(await runOf(smp('web', '  namespace: shop\n'))).toEqual([]);
});

test("Flux writes targetNamespace as the path kustomization's namespace: its patches see the object before it", async () => {
  const flux = (target: string, field = 'patches'): Record<string, string> => ({
    ...prod(''),
    'clusters/web.yaml': `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: web, namespace: flux-system}\nspec:\n  path: ./web/prod\n  targetNamespace: apps\n  ${field}:\n    - target: ${target}\n      patch: |\n        - op: replace\n          path: /spec/template/spec/containers/0/image\n          value: ghcr.io/example/web:6.0.0\n`,
  });
  expect(await runOf(flux('{name: web, namespace: default}'))).toEqual(['clusters/web.yaml => ghcr.io/example/web:6.0.0']);
  expect(await runOf(flux('{namespace: apps}'))).toEqual([]);
  expect(await runOf(flux('{namespace: shop}'))).toEqual([]);
  expect(await runOf(flux('{name: prod-web-v2, namespace: apps}', 'patchesJson6902'))).toEqual(['clusters/web.yaml => ghcr.io/example/web:6.0.0']);
});
