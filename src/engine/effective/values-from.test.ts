import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractFile } from '../../extractors/index.js';
import { planPin } from '../../fixers/pin.js';
import { LocalSource } from '../../sources/local.js';
import { MemorySource } from '../../sources/memory.js';
import type { Occurrence } from '../../model/occurrence.js';
import { scanSource } from '../scan.js';

const fixture = fileURLToPath(new URL('__fixtures__/values-from', import.meta.url));

/** Each occurrence that a release's values layers change: where, as written, and what the release runs, in words a test can read. */
function summary(occurrences: Occurrence[]): unknown[] {
  return occurrences.filter((o) => o.effective).map((o) => ({
    at: `${o.file}:${(o.parts.image ?? o.parts.repository)?.span.start.line}`,
    written: o.raw,
    runs: o.effective!.map((e) => [e.for?.name, e.reference?.canonical ?? `${e.raw} unknown: ${e.unknown}`, ...e.provenance.map((p) => `${p.kind} ${p.file}:${p.line}`)]),
  }));
}

const jellyfin = 'apps/media/jellyfin/app';
const notes = 'apps/tools/notes';
const secretLater = `values from Secret notes-secret-values (valuesFrom of ${notes}/helmrelease.yaml line 15) are not in the repository; the effective image may differ`;

test('valuesFrom layers in order, a targetPath, then spec.values: each image part from the last layer that sets it', async () => {
  const inventory = await scanSource(new LocalSource(fixture));
  expect(inventory.diagnostics).toEqual([]);
  expect(summary(inventory.occurrences)).toEqual([
    // A configMapGenerator literal set at image.tag by a later entry (targetPath).
    { at: `${jellyfin}/helm-values.yaml:2`, written: 'ghcr.io/example/jellyfin:10.9.0', runs: [['jellyfin', 'ghcr.io/example/jellyfin:10.10.3', `flux-target-path ${jellyfin}/kustomization.yaml:13`]] },
    // spec.values is merged last.
    { at: `${jellyfin}/helm-values.yaml:6`, written: 'docker.io/library/busybox:1.36', runs: [['jellyfin', 'docker.io/library/busybox:1.37', `flux-inline-values ${jellyfin}/helmrelease.yaml:30`]] },
    // A later ConfigMap manifest's values.yaml string: a whole image string, then a tag alone.
    { at: `${jellyfin}/helm-values.yaml:9`, written: 'quay.io/example/exporter:0.4.0', runs: [['jellyfin', 'quay.io/example/exporter:0.5.0', `flux-values-from ${jellyfin}/overrides.yaml:9`]] },
    { at: `${jellyfin}/helm-values.yaml:12`, written: 'docker.io/library/nginx:1.27.0', runs: [['jellyfin', 'docker.io/library/nginx:1.27.3', `flux-values-from ${jellyfin}/overrides.yaml:12`]] },
    // A Secret after the file may set anything: unknown, with what the tree does say.
    { at: `${notes}/values.yaml:2`, written: 'ghcr.io/example/notes:3.2.1', runs: [['notes', `ghcr.io/example/notes:3.3.0 unknown: ${secretLater}`, `flux-inline-values ${notes}/helmrelease.yaml:27`]] },
    {
      at: `${notes}/values.yaml:6`, written: 'ghcr.io/example/notes-worker:3.2.1',
      runs: [['notes', `ghcr.io/example/notes-worker:3.2.1 unknown: ${secretLater}; ConfigMap notes-cluster-settings (valuesFrom of ${notes}/helmrelease.yaml line 17) is neither a ConfigMap manifest nor a configMapGenerator entry of the tree; the effective image may differ`]],
    },
  ]);
  // The values files' images belong to the release that reads them; an earlier optional Secret does not touch what later layers write.
  const owners = inventory.occurrences.map((o) => [o.raw, o.owner?.kind, o.owner?.name, o.owner?.chart]);
  expect(owners).toContainEqual(['ghcr.io/example/jellyfin:10.9.0', 'HelmRelease', 'jellyfin', 'jellyfin']);
  expect(owners).toContainEqual(['quay.io/example/exporter:0.5.0', 'HelmRelease', 'jellyfin', 'jellyfin']);
  expect(inventory.occurrences.find((o) => o.raw === 'quay.io/example/exporter:0.5.0')!.effective).toBeUndefined();
  // Where every release sets the tag (or the whole image) later, the line's own does not run: pin leaves it; not where a Secret may decide.
  expect(inventory.occurrences.filter((o) => o.decidedElsewhere).map((o) => o.raw)).toEqual([
    'ghcr.io/example/jellyfin:10.9.0', 'docker.io/library/busybox:1.36', 'quay.io/example/exporter:0.4.0', 'docker.io/library/nginx:1.27.0',
  ]);
  // The chart reference carries what the layers set, in order, for the chart defaults (spec.values stays as written).
  const chart = inventory.charts.find((c) => c.owner.name === 'jellyfin')!;
  expect([chart.valuesFrom, chart.values]).toEqual([{
    image: { repository: 'ghcr.io/example/jellyfin', tag: '10.10.3' },
    sidecar: { image: { repository: 'docker.io/library/busybox', tag: '1.36' } },
    exporter: { image: 'quay.io/example/exporter:0.5.0' },
    proxy: { image: { repository: 'docker.io/library/nginx', tag: '1.27.3' } },
  }, { sidecar: { image: { tag: '1.37' } } }]);
  expect(inventory.occurrences.find((o) => o.raw === 'ghcr.io/example/jellyfin:10.9.0')!.decidedElsewhere).toBe(
    `every HelmRelease that reads these values sets this image (or its tag or digest) in a later values layer (${jellyfin}/kustomization.yaml line 13), so this line's tag does not run; that layer is what to pin`);
});

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

test('pin leaves a values line whose tag a later layer decides, and edits the one that runs as written', async () => {
  const inventory = await scanSource(new LocalSource(fixture));
  const digest = `sha256:${'cd'.repeat(32)}`;
  const plan = (o: Occurrence): string => {
    const fix = planPin(o, { reference: o.reference!.canonical, status: 'resolved', digest, version: o.reference!.tag, versionSource: 'tag' }, readFileSync(`${fixture}/${o.file}`, 'utf8'));
    return !fix ? 'nothing to do' : 'reason' in fix ? `skipped: ${fix.reason.slice(0, 36)}` : `${fix.edits.length} edit(s)`;
  };
  expect(inventory.occurrences.filter((o) => o.file.startsWith(jellyfin) && o.reference).map((o) => `${o.file.slice(jellyfin.length + 1)} ${o.raw} ${plan(o)}`)).toEqual([
    'helm-values.yaml ghcr.io/example/jellyfin:10.9.0 skipped: every HelmRelease that reads these v',
    'helm-values.yaml docker.io/library/busybox:1.36 skipped: every HelmRelease that reads these v',
    'helm-values.yaml quay.io/example/exporter:0.4.0 skipped: every HelmRelease that reads these v',
    'helm-values.yaml docker.io/library/nginx:1.27.0 skipped: every HelmRelease that reads these v',
    'overrides.yaml quay.io/example/exporter:0.5.0 1 edit(s)',
  ]);
  // The edit lands inside the ConfigMap's block string, at the image's own characters.
  const cm = inventory.occurrences.find((o) => o.file === `${jellyfin}/overrides.yaml`)!;
  const text = readFileSync(`${fixture}/${cm.file}`, 'utf8');
  const fix = planPin(cm, { reference: cm.reference!.canonical, status: 'resolved', digest, version: '0.5.0', versionSource: 'tag' }, text);
  const edit = fix && 'edits' in fix ? fix.edits[0]! : undefined;
  const after = edit ? text.slice(0, edit.start) + edit.text + text.slice(edit.end) : text;
  expect(after.split('\n')[8]).toBe(`      image: quay.io/example/exporter:0.5.0@${digest}`);
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
