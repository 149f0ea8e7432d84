import { MemorySource } from '../sources/memory.js';
import { scanSource } from '../engine/scan.js';
import type { Occurrence } from '../model/occurrence.js';
import type { Resolution } from '../resolver/types.js';
import { planPin } from './pin.js';

// A HelmRelease patch decides the tag: pin refuses the base line and says where to pin instead (decision 0052).

const release = 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\nspec:\n  values:\n    image:\n      repository: ghcr.io/example/web\n      tag: 1.0.0\n';
const overlay = (values: string): string => `resources: [../base]\npatches:\n  - target: {kind: HelmRelease, name: web}\n    patch: |\n      apiVersion: helm.toolkit.fluxcd.io/v2\n      kind: HelmRelease\n      metadata: {name: web}\n      spec:\n        values:\n${values}`;
const digest = `sha256:${'ab'.repeat(32)}`;

async function scan(values: string): Promise<{ files: Record<string, string>; occurrences: Occurrence[] }> {
  const files = { 'web/base/release.yaml': release, 'web/base/kustomization.yaml': 'resources: [release.yaml]\n', 'web/prod/kustomization.yaml': overlay(values) };
  return { files, occurrences: (await scanSource(new MemorySource(files))).occurrences };
}

const resolved = (occ: Occurrence): Resolution => ({ reference: occ.reference!.canonical, status: 'resolved', digest, version: occ.reference!.tag!, versionSource: 'tag' });

test('a patch that writes only the tag: pin refuses the base line and names the patch line to pin by hand', async () => {
  const { files, occurrences } = await scan('          image: {tag: 1.2.3}\n');
  // The patch's tag alone is no image reference: nothing to pin in the overlay.
  expect(occurrences.filter((o) => o.file === 'web/prod/kustomization.yaml')).toEqual([]);
  const base = occurrences.find((o) => o.file === 'web/base/release.yaml')!;
  expect(base.effective?.map((e) => e.reference?.canonical)).toEqual(['ghcr.io/example/web:1.2.3']);
  const planned = planPin(base, resolved(base), files['web/base/release.yaml']!);
  expect(planned).toEqual({
    occurrence: base,
    reason: "every kustomization that builds this file sets the image's tag or digest (web/prod/kustomization.yaml line 10), so this line's tag does not run; "
      + 'the patch at web/prod/kustomization.yaml line 10 writes only image.tag, which is no image reference imagepin can pin: pin it there by hand',
  });
  expect(files['web/prod/kustomization.yaml']!.split('\n')[9]).toBe('          image: {tag: 1.2.3}');
});

test('a patch that writes the whole image is an occurrence of its own: the base line sends pin there, and pin edits it', async () => {
  const { files, occurrences } = await scan('          image:\n            repository: ghcr.io/example/web\n            tag: 1.2.3\n');
  const base = occurrences.find((o) => o.file === 'web/base/release.yaml')!;
  const planned = planPin(base, resolved(base), files['web/base/release.yaml']!);
  expect(planned && 'reason' in planned && planned.reason).toMatch(/\(web\/prod\/kustomization\.yaml line 11, web\/prod\/kustomization\.yaml line 12\), so this line's tag does not run; the patch there is what to pin$/);
  const patch = occurrences.find((o) => o.file === 'web/prod/kustomization.yaml')!;
  const fix = planPin(patch, resolved(patch), files['web/prod/kustomization.yaml']!);
  expect(fix && 'edits' in fix && fix.to).toBe(`ghcr.io/example/web:1.2.3@${digest}`);
});
