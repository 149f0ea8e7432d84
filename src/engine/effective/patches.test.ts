import { fileURLToPath } from 'node:url';
import { planPin } from '../../fixers/pin.js';
import { LocalSource } from '../../sources/local.js';
import { MemorySource } from '../../sources/memory.js';
import type { Occurrence } from '../../model/occurrence.js';
import { checkedWhereDecided, runsOf } from '../../rules/effective-runs.js';
import { scanSource } from '../scan.js';

const fixture = fileURLToPath(new URL('__fixtures__/patches', import.meta.url));

const at = (o: Occurrence): string => {
  const span = (o.parts.image ?? o.parts.repository)?.span;
  return `${o.file}:${span?.start.line}:${span?.start.col}`;
};

const runs = (o: Occurrence): string[] => (o.effective ?? []).map((e) => `${e.for?.file} => ${e.reference?.canonical ?? `unknown: ${e.unknown}`}${e.provenance.map((p) => ` | ${p.kind} ${p.file}:${p.line}`).join('')}`);

test('images set by patches: each literal reported where it is written, and the base line gets what each overlay runs', async () => {
  const inventory = await scanSource(new LocalSource(fixture));
  expect(inventory.diagnostics).toEqual([
    { file: 'relay/overlays/files/kustomization.yaml', code: 'unreadable', line: 15, message: 'patch file not-here.yaml is not among the files read, so the images it may set are not known' },
  ]);
  const byPlace = new Map(inventory.occurrences.map((o) => [at(o), o]));
  // Inline patches: positions inside the block string, so pin can edit them; none is a workload of its own.
  expect([...byPlace.keys()].filter((k) => !k.includes('/base/')).sort()).toEqual([
    'clusters/relay.yaml:15:18', 'clusters/relay.yaml:26:26',
    'relay/overlays/files/relay-image.yaml:10:18', 'relay/overlays/files/setup-image.yaml:3:10',
    'relay/overlays/json/kustomization.yaml:12:16', 'relay/overlays/json/kustomization.yaml:19:16',
    'relay/overlays/regex/kustomization.yaml:12:16', 'relay/overlays/smp/kustomization.yaml:16:24',
  ]);
  expect(byPlace.get('relay/overlays/smp/kustomization.yaml:16:24')).toMatchObject({ format: 'kustomize', raw: 'ghcr.io/example/relay:2.0.0', path: ['patches', 0, 'patch', 'spec', 'template', 'spec', 'containers', 0, 'image'], workload: { kind: 'Deployment', name: 'relay', container: 'relay' } });
  expect(byPlace.get('relay/overlays/json/kustomization.yaml:12:16')).toMatchObject({ format: 'kustomize', path: ['patches', 0, 'patch', 0, 'value'] });
  expect(byPlace.get('clusters/relay.yaml:26:26')).toMatchObject({ format: 'flux', skipReason: 'templated' });
  expect(byPlace.get('relay/overlays/files/setup-image.yaml:3:10')).toMatchObject({ format: 'kustomize', path: [0, 'value'] });
  expect(byPlace.get('relay/overlays/files/relay-image.yaml:10:18')?.notes?.[0]).toMatch(/^this file is a strategic-merge patch/);

  const files = 'relay/overlays/files/kustomization.yaml';
  // The Flux Kustomization's first patch selects labelSelector app=relay: the Deployment has no labels, so it is not patched.
  expect(runs(byPlace.get('relay/base/deployment.yaml:10:18')!)).toEqual([
    `${files} => ghcr.io/example/relay-setup:3.0.0 | kustomize-patch relay/overlays/files/setup-image.yaml:3`,
  ]);
  expect(runs(byPlace.get('relay/base/deployment.yaml:13:18')!)).toEqual([
    `${files} => ghcr.io/example/relay:3.0.0 | kustomize-patch relay/overlays/files/relay-image.yaml:10`,
    // `rel(ay|oad)` is a regular expression kustomize anchors whole: it selects relay.
    'relay/overlays/regex/kustomization.yaml => ghcr.io/example/relay:4.0.0 | kustomize-patch relay/overlays/regex/kustomization.yaml:12',
    'relay/overlays/smp/kustomization.yaml => ghcr.io/example/relay:2.0.0 | kustomize-patch relay/overlays/smp/kustomization.yaml:16',
  ]);
  // The json overlay's second patch targets another Deployment: it changes nothing here.
  expect(runs(byPlace.get('relay/base/deployment.yaml:15:18')!)).toEqual([
    expect.stringMatching(/^clusters\/relay\.yaml => unknown: BUSYBOX_TAG is set neither .* \| flux-patch clusters\/relay\.yaml:26$/),
    'relay/overlays/json/kustomization.yaml => docker.io/library/busybox:1.37 | kustomize-patch relay/overlays/json/kustomization.yaml:12',
  ]);
  expect(inventory.occurrences.some((o) => o.decidedElsewhere)).toBe(false);
});

const base = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/example/api:1.0.0\n';

test('a patch every overlay applies decides the base line; pin edits the patch inside the block string, not the base', async () => {
  const overlay = 'resources: [../base]\npatches:\n  - target: {kind: Deployment, name: api}\n    patch: |\n      - op: replace\n        path: /spec/template/spec/containers/0/image\n        value: ghcr.io/example/api:1.1.0\n';
  const files = { 'api/base/deploy.yaml': base, 'api/base/kustomization.yaml': 'resources: [deploy.yaml]\n', 'api/prod/kustomization.yaml': overlay };
  const inventory = await scanSource(new MemorySource(files));
  const [written, patched] = inventory.occurrences;
  expect(written?.decidedElsewhere).toBe('every kustomization that builds this file sets the image\'s tag or digest (api/prod/kustomization.yaml line 7), so this line\'s tag does not run; the patch there is what to pin');
  expect(patched).toMatchObject({ file: 'api/prod/kustomization.yaml', raw: 'ghcr.io/example/api:1.1.0' });
  // The rules check the patch's own occurrence; the base line adds no run of the same reference.
  expect(runsOf(written!, checkedWhereDecided(inventory.occurrences))).toEqual([]);
  expect(runsOf(written!)).toHaveLength(1);
  const digest = `sha256:${'c'.repeat(64)}`;
  const plan = (o: Occurrence): ReturnType<typeof planPin> => planPin(o, { reference: o.reference!.canonical, status: 'resolved', digest, version: '1.1.0', versionSource: 'tag' }, files[o.file as keyof typeof files]);
  expect(plan(written!)).toMatchObject({ reason: expect.stringMatching(/^every kustomization/) });
  const fix = plan(patched!);
  const text = files['api/prod/kustomization.yaml'];
  const edited = fix && 'edits' in fix ? fix.edits.reduceRight((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text) : undefined;
  expect(edited).toBe(text.replace('api:1.1.0\n', `api:1.1.0@${digest}\n`));
});

test('malformed patches never throw: unreadable ones are diagnostics, odd shapes set nothing', async () => {
  const odd = [
    'patches: 7', 'patches: [null, 3, {patch: 42}, {patch: "[: bad"}, {target: x, patch: "- op: replace"}]',
    'patches:\n  - patch: |\n      - op: replace\n        path: 17\n      - null\n      - op: add\n        path: /spec/template/spec/containers/-\n        value: {name: extra}\n',
    'patchesStrategicMerge: [null, {}, "kind: Deployment", "metadata: {name: api}\\nspec: {template: {spec: {containers: [{image: x:1}]}}}"]',
    'patchesJson6902: [{target: {name: "*"}, patch: "- {op: replace, path: /spec/template/spec/containers/0/image, value: {a: 1}}"}]',
    'patches: [{path: ../../../elsewhere.yaml}, {path: ""}, {target: {kind: Deployment}, path: api-patch.yaml}]',
  ];
  for (const text of odd) {
    const files = { 'api/base/deploy.yaml': base, 'api/base/kustomization.yaml': 'resources: [deploy.yaml]\n', 'api/prod/kustomization.yaml': `resources: [../base]\n${text}\n`, 'api/prod/api-patch.yaml': '- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: [1]\n' };
    const inventory = await scanSource(new MemorySource(files));
    expect(inventory.occurrences[0]).toMatchObject({ file: 'api/base/deploy.yaml', raw: 'ghcr.io/example/api:1.0.0' });
    for (const e of inventory.occurrences[0]?.effective ?? []) expect(e.unknown ?? e.raw).toBeTruthy();
  }
  const bad = await scanSource(new MemorySource({ 'k/kustomization.yaml': 'patches:\n  - patch: |\n      kind: [\n' }));
  // The parser stops at the end of the block string, the line after it: a file line, not a line of the string.
  expect(bad.diagnostics.map((d) => [d.code, d.line])).toEqual([['invalid-yaml', 4]]);
  const untargeted = await scanSource(new MemorySource({ 'b/deploy.yaml': base, 'o/kustomization.yaml': 'resources: [../b/deploy.yaml]\npatches:\n  - patch: "[{op: replace, path: /spec/template/spec/containers/0/image, value: x:2}]"\n' }));
  expect(untargeted.occurrences[0]?.effective?.map((e) => e.unknown)).toEqual(['o/kustomization.yaml line 3: the RFC 6902 patch has no target, which kustomize needs to know what it patches']);
  const outside = await scanSource(new MemorySource({ 'k/kustomization.yaml': 'patches:\n  - path: ../../x.yaml\n' }));
  expect(outside.diagnostics.map((d) => d.message)).toEqual(['patch file ../../x.yaml is outside the tree, so the images it may set are not known']);
});
