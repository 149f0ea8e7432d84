import { fileURLToPath } from 'node:url';
import { LocalSource } from '../../sources/local.js';
import { MemorySource } from '../../sources/memory.js';
import type { Occurrence } from '../../model/occurrence.js';
import { scanSource } from '../scan.js';

const fixture = fileURLToPath(new URL('__fixtures__/selectors', import.meta.url));

const at = (o: Occurrence): string => `${o.file}:${o.parts.image?.span.start.line}:${o.parts.image?.span.start.col}`;
const runs = (o: Occurrence | undefined): string[] => (o?.effective ?? []).map((e) => `${e.for?.file} => ${e.reference?.canonical ?? `unknown: ${e.unknown}`}${e.provenance.map((p) => ` | ${p.kind} ${p.file}:${p.line}`).join('')}`);

test('patch targets by labels, annotations, group, version and regular expressions, as kustomize selects them', async () => {
  const inventory = await scanSource(new LocalSource(fixture));
  expect(inventory.diagnostics).toEqual([]);
  const byPlace = new Map(inventory.occurrences.map((o) => [at(o), o]));
  const flux = 'clusters/shop.yaml';
  const prod = 'shop/overlays/prod/kustomization.yaml';
  const invalid = 'shop/overlays/invalid/kustomization.yaml => unknown: shop/overlays/invalid/kustomization.yaml line 6: the patch target\'s labelSelector is not valid (a missing ) in selector "app in (shop"), so kustomize fails there';
  const flags = "shop/overlays/flags/kustomization.yaml => unknown: shop/overlays/flags/kustomization.yaml line 6: the patch target's name (?i)INDEXER uses regular-expression syntax imagepin does not evaluate as Go does";
  // `Deployment|StatefulSet` and app=shop,role notin (indexer),part-of: the base's `labels:` ran before, the indexer has role=indexer.
  expect(runs(byPlace.get('shop/base/storefront.yaml:15:18'))).toEqual([
    `${flux} => ghcr.io/example/storefront:2.0.0 | kustomize-patch ${prod}:14`,
    flags,
    invalid,
  ]);
  // group apps, version v1 and annotationSelector owner in (payments, billing); the group batch target selects nothing here.
  expect(runs(byPlace.get('shop/base/storefront.yaml:17:18'))).toEqual([`${flux} => docker.io/library/haproxy:3.1 | kustomize-patch ${prod}:29`]);
  // Flux adds its patches to the overlay's kustomization: they run before its commonLabels (stage=prod is not there yet).
  expect(runs(byPlace.get('shop/base/indexer.yaml:13:18'))).toEqual([
    `${flux} => ghcr.io/example/indexer:6.0.0 | flux-patch ${flux}:25`,
    flags,
    invalid,
  ]);
  // `patches` run before the kustomization's commonLabels, `patchesJson6902` after them.
  expect(runs(byPlace.get('shop/base/digest.yaml:14:22'))).toEqual([`${flux} => ghcr.io/example/digest:3.0.0 | kustomize-patch ${prod}:53`]);
});

const deployment = (metadata: string): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n${metadata}spec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/example/api:1.0.0\n`;
const overlay = (target: string, extra = ''): string => `resources: [../base]\n${extra}patches:\n  - target: ${target}\n    patch: |\n      - op: replace\n        path: /spec/template/spec/containers/0/image\n        value: ghcr.io/example/api:2.0.0\n`;

async function runOf(metadata: string, target: string, extra?: string, base = 'resources: [deploy.yaml]\n'): Promise<string[]> {
  const files = { 'api/base/deploy.yaml': deployment(metadata), 'api/base/kustomization.yaml': base, 'api/prod/kustomization.yaml': overlay(target, extra) };
  const inventory = await scanSource(new MemorySource(files));
  return runs(inventory.occurrences.find((o) => o.file === 'api/base/deploy.yaml'));
}

test('what cannot be told stays unknown with its reason: unreadable labels, a label the base adds that is not a map, a missing apiVersion', async () => {
  expect(await runOf('  labels: [app, api]\n', '{labelSelector: app=api}')).toEqual([
    'api/prod/kustomization.yaml => unknown: api/prod/kustomization.yaml line 3: the patch target selects by labelSelector app=api, and the object\'s labels are not a map',
  ]);
  expect(await runOf('  labels: {app: api}\n', '{labelSelector: app=api}', '', 'resources: [deploy.yaml]\ncommonLabels: [a]\n')).toEqual([
    'api/prod/kustomization.yaml => unknown: api/prod/kustomization.yaml line 3: the patch target selects by labelSelector app=api, and api/base/kustomization.yaml commonLabels: labels are not a map',
  ]);
  // Labels as written, numbers in their YAML form; `!=` holds for a label that is not there.
  expect(await runOf('  labels: {app: api, release: 3}\n', '{labelSelector: "release>2,app==api,zone!=west"}')).toEqual([
    'api/prod/kustomization.yaml => ghcr.io/example/api:2.0.0 | kustomize-patch api/prod/kustomization.yaml:7',
  ]);
  expect(await runOf('  labels: {app: api}\n', '{labelSelector: "app=web"}')).toEqual([]);
  expect(await runOf('', '{annotationSelector: "note"}')).toEqual([]);
  // A regular expression that reads the same in Go and JavaScript is evaluated, anchored whole.
  expect(await runOf('', '{version: "v1(beta1)?", name: "a.*"}')).toEqual(['api/prod/kustomization.yaml => ghcr.io/example/api:2.0.0 | kustomize-patch api/prod/kustomization.yaml:7']);
  expect(await runOf('', '{name: "ap"}')).toEqual([]);
  expect(await runOf('', '{name: "a(pi"}')).toEqual([
    "api/prod/kustomization.yaml => unknown: api/prod/kustomization.yaml line 3: the patch target's name a(pi is not a regular expression imagepin can read",
  ]);
});

test('a target field still templated (an ApplicationSet parameter not filled) is unknown, never read as a pattern', async () => {
  expect(await runOf('', '{name: "{{ .app }}"}')).toEqual([
    "api/prod/kustomization.yaml => unknown: api/prod/kustomization.yaml line 3: the patch target's name {{ .app }} is templated: template expression {{ .app }} is filled in at deploy time",
  ]);
  expect(await runOf('  labels: {app: api}\n', '{labelSelector: "app={{app}}"}')).toEqual([
    expect.stringMatching(/^api\/prod\/kustomization\.yaml => unknown: api\/prod\/kustomization\.yaml line 3: the patch target's labelSelector app=\{\{app\}\} is templated: /),
  ]);
});
