import { extractFile } from '../../extractors/index.js';
import { planPin } from '../../fixers/pin.js';
import { MemorySource } from '../../sources/memory.js';
import type { Occurrence } from '../../model/occurrence.js';
import { scanSource } from '../scan.js';

// HelmRelease valuesFrom where the tree does not say, or says it badly (the fixture tree is values-from.test.ts).

/** Each occurrence that a release's values layers change: where, as written, and what the release runs, in words a test can read. */
function summary(occurrences: Occurrence[]): unknown[] {
  return occurrences.filter((o) => o.effective).map((o) => ({
    at: `${o.file}:${(o.parts.image ?? o.parts.repository)?.span.start.line}`,
    written: o.raw,
    runs: o.effective!.map((e) => [e.for?.name, e.reference?.canonical ?? `${e.raw} unknown: ${e.unknown}`, ...e.provenance.map((p) => `${p.kind} ${p.file}:${p.line}`)]),
  }));
}

const release = (entries: string, values = ''): string => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: relay
spec:
  valuesFrom:
${entries}${values}`;
const cm = (name: string, data: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${data}`;

async function runs(files: Record<string, string>): Promise<unknown[]> {
  const inventory = await scanSource(new MemorySource(files));
  // Only the releases' entries (a chart's appVersion entry is another test's).
  return summary(inventory.occurrences).map((s) => (s as { runs: unknown[][] }).runs.filter((r) => r[0] !== undefined)).filter((r) => r.length > 0);
}

test('what the tree cannot say is unknown, with the reason; a missing optional key is skipped as Flux skips it', async () => {
  const base = { 'relay/values.yaml': 'image:\n  repository: ghcr.io/example/relay\n  tag: 1.0.0\n' };
  const gen = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nconfigMapGenerator:\n  - name: relay-values\n    files: [values.yaml]\n    literals: [tag=1.0.9]\n';
  const first = '    - kind: ConfigMap\n      name: relay-values\n';
  // A literal ConfigMap's data key as a targetPath value, quotes dropped as Flux does.
  expect(await runs({ ...base, 'relay/kustomization.yaml': gen, 'relay/pin.yaml': cm('relay-pin', '  tag: "\'1.0.5\'"\n'),
    'relay/hr.yaml': release(`${first}    - kind: ConfigMap\n      name: relay-pin\n      valuesKey: tag\n      targetPath: image.tag\n`) }))
    .toEqual([[['relay', 'ghcr.io/example/relay:1.0.5', 'flux-target-path relay/pin.yaml:6']]]);
  // A key that is missing: optional is skipped; otherwise Flux fails, which is said.
  const missing = (optional: string): string => `${first}    - kind: ConfigMap\n      name: relay-values\n      valuesKey: other\n      targetPath: image.tag\n${optional}`;
  expect(await runs({ ...base, 'relay/kustomization.yaml': gen, 'relay/hr.yaml': release(missing('      optional: true\n')) })).toEqual([]);
  expect(await runs({ ...base, 'relay/kustomization.yaml': gen, 'relay/hr.yaml': release(missing('')) })).toEqual([[[
    'relay', 'ghcr.io/example/relay:1.0.0 unknown: configMapGenerator relay-values (relay/kustomization.yaml line 4) has no key other: Flux fails to reconcile the release (valuesFrom of relay/hr.yaml line 9)',
  ]]]);
  // Two ConfigMaps of one name, neither beside the release.
  const twice = { ...base, 'relay/kustomization.yaml': gen, 'a/cm.yaml': cm('relay-later', '  x: y\n'), 'b/cm.yaml': cm('relay-later', '  x: z\n') };
  expect(await runs({ ...twice, 'relay/hr.yaml': release(`${first}    - kind: ConfigMap\n      name: relay-later\n`) })).toEqual([[[
    'relay', 'ghcr.io/example/relay:1.0.0 unknown: the tree has 2 ConfigMaps named relay-later (a/cm.yaml, b/cm.yaml), valuesFrom of relay/hr.yaml line 9',
  ]]]);
  // A targetPath and spec.values on one key: Flux's documentation and its code disagree.
  const both = await runs({ ...base, 'relay/kustomization.yaml': gen,
    'relay/hr.yaml': release(`${first}    - kind: ConfigMap\n      name: relay-values\n      valuesKey: tag\n      targetPath: image.tag\n`, '  values:\n    image:\n      tag: 2.0.0\n') });
  expect(JSON.stringify(both)).toContain("Flux's documentation says a targetPath wins over spec.values, its helm-controller merges spec.values last");
});

test('spec.values without a tag takes it from an earlier layer; an earlier Secret only matters where the tag is not written', async () => {
  const values = '  values:\n    image:\n      repository: ghcr.io/example/relay\n    helper:\n      image:\n        repository: ghcr.io/example/helper\n        tag: 0.2.0\n';
  const files = {
    'relay/kustomization.yaml': 'kind: Kustomization\nconfigMapGenerator:\n  - name: relay-values\n    files: [values.yaml]\n',
    'relay/values.yaml': 'image:\n  tag: 4.1.0\n',
    'relay/hr.yaml': release('    - kind: Secret\n      name: relay-secret\n    - kind: ConfigMap\n      name: relay-values\n', values),
  };
  expect(await runs(files)).toEqual([[['relay', 'ghcr.io/example/relay:4.1.0', 'flux-values-from relay/values.yaml:2']]]);
  // The chart's appVersion entry (no context) is dropped: the values give the tag.
  const inventory = await scanSource(new MemorySource(files));
  expect(inventory.occurrences.find((o) => o.raw === 'ghcr.io/example/relay')!.effective!.map((e) => e.for?.kind)).toEqual(['flux-helm-release']);
  // With the Secret after the file, it could set the tag too.
  const later = { ...files, 'relay/hr.yaml': release('    - kind: ConfigMap\n      name: relay-values\n    - kind: Secret\n      name: relay-secret\n', values) };
  expect(await runs(later)).toEqual([[[
    'relay', 'ghcr.io/example/relay:4.1.0 unknown: values from Secret relay-secret (valuesFrom of relay/hr.yaml line 9) are not in the repository; the effective image may differ', 'flux-values-from relay/values.yaml:2',
  ]]]);
});

test('broken valuesFrom and ConfigMaps never throw: entries without kind or name, scalars, a values string that is not YAML', async () => {
  const files = {
    'x/values.yaml': 'image: ghcr.io/example/x:1.0\n',
    'x/kustomization.yaml': 'kind: Kustomization\nconfigMapGenerator:\n  - name: x-values\n    files: [values.yaml, 12, {a: b}, "=", ""]\n    literals: "not a list"\n  - 7\n',
    'x/hr.yaml': release('    - kind: ConfigMap\n      name: x-values\n    - {}\n    - kind: [ConfigMap]\n      name: x\n    - kind: Secret\n    - "text"\n', '  values: [1, 2]\n'),
    'x/cm.yaml': cm('x-values', '  values.yaml: "image: [unclosed"\n  other-values.yaml: 12\n'),
    'y/hr.yaml': 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nspec:\n  valuesFrom: "none"\n',
  };
  const inventory = await scanSource(new MemorySource(files));
  expect(inventory.diagnostics.map((d) => [d.file, d.code])).toEqual([['x/cm.yaml', 'invalid-yaml']]);
  // Two ConfigMaps named x-values beside the release: neither is picked, so the values file is not said to be the release's.
  const x = inventory.occurrences.find((o) => o.file === 'x/values.yaml')!;
  expect([x.raw, x.owner, x.effective]).toEqual(['ghcr.io/example/x:1.0', undefined, undefined]);
});

test('an image in a folded or quoted values string is found at the string\'s line but never edited (its characters are not where they map)', () => {
  for (const data of ['  values.yaml: "image: ghcr.io/example/y:1.0\\n"\n', '  values.yaml: >\n    image: ghcr.io/example/y:1.0\n']) {
    const text = cm('y-values', data);
    const occ = extractFile('y/cm.yaml', text).occurrences[0]!;
    expect([occ.raw, occ.parts.image?.span.start.line]).toEqual(['ghcr.io/example/y:1.0', 6]);
    const fix = planPin(occ, { reference: occ.reference!.canonical, status: 'resolved', digest: `sha256:${'ef'.repeat(32)}`, version: '1.0', versionSource: 'tag' }, text);
    expect(fix && 'reason' in fix ? fix.reason : fix).toBe('written as a block or escaped scalar, which imagepin does not rewrite');
  }
});
