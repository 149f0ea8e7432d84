import { fileURLToPath } from 'node:url';
import { LocalSource } from '../../sources/local.js';
import type { Occurrence } from '../../model/occurrence.js';
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
  expect(runs(byPlace.get('relay/base/deployment.yaml:10:18')!)).toEqual([
    `${files} => ghcr.io/example/relay-setup:3.0.0 | kustomize-patch relay/overlays/files/setup-image.yaml:3`,
  ]);
  expect(runs(byPlace.get('relay/base/deployment.yaml:13:18')!)).toEqual([
    "clusters/relay.yaml => unknown: clusters/relay.yaml line 9: the patch target selects by labelSelector app=relay, and imagepin does not record workloads' labels or annotations",
    `${files} => ghcr.io/example/relay:3.0.0 | kustomize-patch relay/overlays/files/relay-image.yaml:10`,
    'relay/overlays/regex/kustomization.yaml => unknown: relay/overlays/regex/kustomization.yaml line 6: the patch target\'s name rel(ay|oad) is a regular expression, which imagepin does not evaluate',
    'relay/overlays/smp/kustomization.yaml => ghcr.io/example/relay:2.0.0 | kustomize-patch relay/overlays/smp/kustomization.yaml:16',
  ]);
  // The json overlay's second patch targets another Deployment: it changes nothing here.
  expect(runs(byPlace.get('relay/base/deployment.yaml:15:18')!)).toEqual([
    expect.stringMatching(/^clusters\/relay\.yaml => unknown: BUSYBOX_TAG is set neither .* \| flux-patch clusters\/relay\.yaml:26$/),
    'relay/overlays/json/kustomization.yaml => docker.io/library/busybox:1.37 | kustomize-patch relay/overlays/json/kustomization.yaml:12',
  ]);
  expect(inventory.occurrences.some((o) => o.decidedElsewhere)).toBe(false);
});
