import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { planPin } from '../../fixers/pin.js';
import { LocalSource } from '../../sources/local.js';
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

