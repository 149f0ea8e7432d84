import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { planPin } from '../../fixers/pin.js';
import { toText } from '../../reporters/text.js';
import { LocalSource } from '../../sources/local.js';
import { MemorySource } from '../../sources/memory.js';
import type { Occurrence } from '../../model/occurrence.js';
import { scanSource } from '../scan.js';
import { ASSUMED } from './source-repo.js';

const fixture = (name: string): string => fileURLToPath(new URL(`__fixtures__/${name}`, import.meta.url));

/** Each occurrence's line as written, and what every context runs instead, in words a test can read. */
function summary(occurrences: Occurrence[]): Record<string, unknown>[] {
  return occurrences.filter((o) => o.effective || o.decidedElsewhere).map((o) => ({
    at: `${o.file}:${(o.parts.image ?? o.parts.repository)?.span.start.line}`,
    written: o.raw,
    ...(o.decidedElsewhere && { decidedElsewhere: true }),
    runs: o.effective!.map((e) => [e.for?.file ?? '-', e.for?.element ?? '', e.reference?.canonical ?? `unknown: ${e.unknown}`, e.provenance.map((p) => `${p.kind} ${p.file}:${p.line}`).join(' | ')].filter((x) => x !== '')),
  }));
}

test('kustomize overlays: one effective reference per overlay at the base line, the overlay entry as provenance', async () => {
  const inventory = await scanSource(new LocalSource(fixture('overlays')));
  expect(inventory.diagnostics).toEqual([]);
  const prod = 'shop/overlays/production/kustomization.yaml';
  const staging = 'shop/overlays/staging/kustomization.yaml';
  const edge = 'shop/overlays/edge/kustomization.yaml';
  const missing = 'unknown: not all of this context is in the tree: shop/overlays/edge/kustomization.yaml line 12 uses component ../../components/tracing, which is not in the files read';
  expect(summary(inventory.occurrences)).toEqual([
    {
      at: 'shop/base/deployment.yaml:10', written: 'ghcr.io/acme/shop-migrations:0.9.0', decidedElsewhere: true,
      runs: [
        [edge, missing, `kustomize-images ${edge}:9`],
        [prod, 'ghcr.io/acme/shop-migrations@sha256:4d1f0c6a9e3b2a7c8d5e6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c', `kustomize-images ${prod}:11`],
        [staging, 'ghcr.io/acme/shop-migrations:0.10.0-rc.1', `kustomize-images ${staging}:9`],
      ],
    },
    {
      at: 'shop/base/deployment.yaml:13', written: 'ghcr.io/acme/shop-web:1.4.0', decidedElsewhere: true,
      runs: [
        [edge, missing, `kustomize-images ${edge}:7`],
        [prod, 'harbor.acme.internal/ghcr/acme/shop-web:1.4.2', `kustomize-images ${prod}:8`],
        [staging, 'ghcr.io/acme/shop-web:1.5.0-rc.1', `kustomize-images ${staging}:7`],
      ],
    },
    {
      // Only renamed (production, and staging's component): the base's tag still runs everywhere, so the base is what pin edits.
      at: 'shop/base/deployment.yaml:15', written: 'redis:7.2.5',
      runs: [
        [edge, missing],
        [prod, 'harbor.acme.internal/dockerhub/library/redis:7.2.5', `kustomize-images ${prod}:13`],
        // A component's images apply to everything the overlay that uses it holds.
        [staging, 'harbor.acme.internal/dockerhub/library/redis:7.2.5', 'kustomize-images shop/components/cache-mirror/kustomization.yaml:5'],
      ],
    },
  ]);
  const entry = inventory.occurrences.find((o) => o.file === prod && o.raw.includes('shop-web'))!;
  expect(entry.effective).toBeUndefined();
  expect(inventory.occurrences.find((o) => o.raw === 'ghcr.io/acme/shop-web:1.4.0')!.decidedElsewhere)
    .toBe(`every kustomization that builds this file sets the image's tag or digest (${edge} line 7, ${prod} line 8, ${staging} line 7), so this line's tag does not run; the images entry there is what to pin`);
});

test('Flux postBuild: substitute, ConfigMaps of substituteFrom, defaults, and what a Secret may hold', async () => {
  const inventory = await scanSource(new LocalSource(fixture('flux')));
  expect(inventory.diagnostics).toEqual([]);
  const ks = 'clusters/home/apps.yaml';
  expect(summary(inventory.occurrences)).toEqual([
    { at: 'apps/media/player.yaml:10', written: 'ghcr.io/acme/player:${PLAYER_TAG}', runs: [[ks, 'ghcr.io/acme/player:10.9.11', `flux-substitute ${ks}:16`]] },
    { at: 'apps/media/player.yaml:12', written: 'ghcr.io/acme/indexer:${INDEXER_TAG}', runs: [[ks, 'ghcr.io/acme/indexer:1.24.0', 'flux-substitute clusters/home/settings.yaml:7']] },
    {
      // The ConfigMap does not set it, and the Secret before it might: no guess at the default.
      at: 'apps/media/player.yaml:14', written: 'ghcr.io/acme/vpn:${VPN_TAG:=3.2.0}',
      runs: [[ks, 'unknown: VPN_TAG may come from Secret home-secrets (substituteFrom, line 18), whose values imagepin does not read']],
    },
    { at: 'apps/tools/backup/cronjob.yaml:13', written: 'docker.io/restic/restic:0.16.0', decidedElsewhere: true, runs: [[ks, 'docker.io/restic/restic:0.17.3', `flux-images ${ks}:35`]] },
    { at: 'apps/tools/backup/cronjob.yaml:15', written: '${MIRROR}/library/curl:${CURL_TAG:-8.11.0}', runs: [[ks, 'harbor.home.arpa/dockerhub/library/curl:8.11.0', `flux-substitute ${ks}:39 | flux-substitute ${ks}:23`]] },
    {
      at: 'apps/tools/backup/cronjob.yaml:17', written: 'ghcr.io/acme/report:${REPORT_TAG}',
      runs: [[ks, `unknown: REPORT_TAG is set neither by postBuild.substitute of ${ks} nor by a ConfigMap of its substituteFrom in the tree (Flux would leave it empty)`]],
    },
  ]);
  expect(inventory.occurrences.find((o) => o.raw.startsWith('ghcr.io/acme/player'))!.effective![0]!.for).toEqual({ kind: 'flux-kustomization', file: ks, name: 'media' });
});

test('Argo CD valueFiles layer over the chart values (later wins, parameters last); list generators expand per element', async () => {
  const inventory = await scanSource(new LocalSource(fixture('argo')));
  expect(inventory.diagnostics).toEqual([]);
  const app = 'argocd/api.yaml';
  const set = 'argocd/workers.yaml';
  expect(summary(inventory.occurrences)).toEqual([
    { at: `${set}:26`, written: 'ghcr.io/acme/{{ .queue }}-worker:{{ .release }}', runs: [[set, 0, 'ghcr.io/acme/billing-worker:2.3.1', `applicationset-list ${set}:11`], [set, 1, 'ghcr.io/acme/mailer-worker:1.8.0', `applicationset-list ${set}:13`]] },
    {
      at: `${set}:28`, written: 'ghcr.io/acme/exporter:{{ .release | trunc 3 }}',
      runs: [[set, 0, 'unknown: {{ .release | trunc 3 }} is an expression imagepin does not evaluate'], [set, 1, 'unknown: {{ .release | trunc 3 }} is an expression imagepin does not evaluate']],
    },
    { at: 'charts/api/values.yaml:3', written: 'ghcr.io/acme/api:5.0.0', runs: [[app, 'ghcr.io/acme/api:5.0.4', 'argo-value-files charts/api/values-production.yaml:3']] },
    { at: 'charts/api/values.yaml:7', written: 'ghcr.io/acme/api-worker:5.0.0', runs: [[app, 'ghcr.io/acme/api-worker:5.1.2', `argo-value-files ${app}:18`]] },
    {
      at: 'envs/values-staging.yaml:3', written: 'ghcr.io/acme/api:5.1.0-rc.2',
      runs: [[app, `unknown: not every values file of ${app} is in the tree: valueFiles entry $deploy/envs/values-canary.yaml (${app} line 37) is envs/values-canary.yaml, which is not among the files imagepin read as a values file ${ASSUMED}`]],
    },
  ]);
});

test('pin edits the file that decides: the overlay entries, and the base only where its tag still runs', async () => {
  const inventory = await scanSource(new LocalSource(fixture('overlays')));
  const digest = `sha256:${'ab'.repeat(32)}`;
  const text = (file: string): string => readFileSync(`${fixture('overlays')}/${file}`, 'utf8');
  const plan = (o: Occurrence): string => {
    const fix = planPin(o, { reference: o.reference!.canonical, status: 'resolved', digest, version: o.reference!.tag, versionSource: 'tag' }, text(o.file));
    return !fix ? 'nothing to do' : 'reason' in fix ? `skipped: ${fix.reason.slice(0, 40)}` : `${fix.edits.length} edit(s) in ${o.file}`;
  };
  expect(inventory.occurrences.filter((o) => o.reference && !o.skipReason).map((o) => `${o.raw} ${plan(o)}`)).toEqual([
    'ghcr.io/acme/shop-migrations:0.9.0 skipped: every kustomization that builds this fil',
    'ghcr.io/acme/shop-web:1.4.0 skipped: every kustomization that builds this fil',
    'redis:7.2.5 1 edit(s) in shop/base/deployment.yaml',
    'ghcr.io/acme/shop-web:1.6.0-nightly 1 edit(s) in shop/overlays/edge/kustomization.yaml',
    'ghcr.io/acme/shop-migrations:0.11.0-nightly 1 edit(s) in shop/overlays/edge/kustomization.yaml',
    'harbor.acme.internal/ghcr/acme/shop-web:1.4.2 1 edit(s) in shop/overlays/production/kustomization.yaml',
    'ghcr.io/acme/shop-migrations@sha256:4d1f0c6a9e3b2a7c8d5e6f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c nothing to do',
    'ghcr.io/acme/shop-web:1.5.0-rc.1 1 edit(s) in shop/overlays/staging/kustomization.yaml',
    'ghcr.io/acme/shop-migrations:0.10.0-rc.1 1 edit(s) in shop/overlays/staging/kustomization.yaml',
  ]);
});

test('a substituteFrom ConfigMap the files read do not hold, or hold twice, is named, not guessed', async () => {
  const ks = (from: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: app, namespace: flux-system}\nspec:\n  path: ./app\n  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: ${from}\n`;
  const vars = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: twice}\ndata: {TAG: "1.0"}\n';
  const deploy = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: "ghcr.io/acme/a:${TAG}"}]\n';
  const unknownOf = async (files: Record<string, string>): Promise<string | undefined> => (await scanSource(new MemorySource(files))).occurrences[0]?.effective?.[0]?.unknown;
  expect(await unknownOf({ 'ks.yaml': ks('absent'), 'app/deploy.yaml': deploy }))
    .toBe('TAG may come from ConfigMap absent (substituteFrom, line 8), which is not among the files imagepin read as a ConfigMap manifest (a generated one is not read)');
  expect(await unknownOf({ 'ks.yaml': ks('twice'), 'app/deploy.yaml': deploy, 'a/vars.yaml': vars, 'b/vars.yaml': vars }))
    .toBe('TAG: the tree has 2 ConfigMaps named twice (a/vars.yaml, b/vars.yaml)');
});

test('the text report says what each context runs, under the line as written', async () => {
  const text = toText(await scanSource(new LocalSource(fixture('flux'))), false);
  expect(text).toContain('        runs as ghcr.io/acme/indexer:1.24.0 in clusters/home/apps.yaml (clusters/home/settings.yaml:7)\n');
  expect(text).toContain('        runs as unknown in clusters/home/apps.yaml: VPN_TAG may come from Secret home-secrets');
});

test('an Argo CD Application\'s kustomize.images applies over the kustomization at its path, last', async () => {
  const app = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web-canary}\nspec:\n  source:\n    path: web/overlays/canary\n    kustomize:\n      images:\n        - ghcr.io/acme/web:2.1.0-rc.1\n        - cache=harbor.acme.internal/dockerhub/library/redis\n';
  const overlay = 'resources: [../../base]\nimages:\n  - name: ghcr.io/acme/web\n    newTag: 2.0.5\n';
  const base = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - {name: web, image: ghcr.io/acme/web:2.0.0}\n        - {name: cache, image: cache:7.4}\n';
  const inventory = await scanSource(new MemorySource({ 'argocd/web.yaml': app, 'web/overlays/canary/kustomization.yaml': overlay, 'web/base/deploy.yaml': base, 'web/base/kustomization.yaml': 'resources: [deploy.yaml]\n' }));
  expect(summary(inventory.occurrences)).toEqual([
    { at: 'web/base/deploy.yaml:7', written: 'ghcr.io/acme/web:2.0.0', decidedElsewhere: true, runs: [['argocd/web.yaml', 'ghcr.io/acme/web:2.1.0-rc.1', 'kustomize-images web/overlays/canary/kustomization.yaml:3 | kustomize-images argocd/web.yaml:9']] },
    { at: 'web/base/deploy.yaml:8', written: 'cache:7.4', runs: [['argocd/web.yaml', 'harbor.acme.internal/dockerhub/library/redis:7.4', 'kustomize-images argocd/web.yaml:10']] },
  ]);
});

test('kustomize replacements: a configMapGenerator literal sets the tag it targets; another source is unknown, with where it is decided', async () => {
  const inventory = await scanSource(new LocalSource(fixture('replacements')));
  expect(inventory.diagnostics).toEqual([]);
  const k = 'notes/kustomization.yaml';
  expect(summary(inventory.occurrences)).toEqual([
    {
      at: 'notes/indexer.yaml:10', written: 'ghcr.io/notes-org/notes-indexer:2.0.0', decidedElsewhere: true,
      runs: [[k, `unknown: ${k} line 26: kustomize replacements write this image from Secret indexer-pin data.IMAGE, which is not a configMapGenerator literal of that kustomization (imagepin reads no other source)`, `kustomize-replacements ${k}:26`]],
    },
    // Written without a tag; the replacement's index 1 is past the end, so kustomize appends the tag.
    { at: 'notes/server.yaml:10', written: 'ghcr.io/notes-org/notes-server', decidedElsewhere: true, runs: [[k, 'ghcr.io/notes-org/notes-server:3.8.1', `kustomize-replacements ${k}:13`]] },
  ]);
  const server = inventory.occurrences.find((o) => o.raw === 'ghcr.io/notes-org/notes-server')!;
  expect(server.decidedElsewhere).toBe(`every kustomization that builds this file sets the image's tag or digest (${k} line 13), so this line's tag does not run; the replacements entry there decides it`);
  // The backup container is not the one the field path names.
  expect(inventory.occurrences.find((o) => o.raw === 'ghcr.io/notes-org/notes-backup:1.2.0')!.effective).toBeUndefined();
});
