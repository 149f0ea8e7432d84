import { extractFile } from '../index.js';

const values = `image:
  repository: ghcr.io/example/notes
  tag: 3.2.0
metrics:
  enabled: false
  image:
    repository: ghcr.io/example/notes-exporter
    tag: 0.7.1
backup:
  enabled: false
  jobs:
    nightly:
      image: ghcr.io/example/restic:0.17.3
`;

test('an image under a block that says `enabled: false` is a notice at its line, not an occurrence', () => {
  const result = extractFile('apps/notes/values.yaml', values);
  expect(result.occurrences.map((o) => o.raw)).toEqual(['ghcr.io/example/notes:3.2.0']);
  expect(result.notFollowed).toEqual([
    {
      file: 'apps/notes/values.yaml', code: 'disabled-in-values', url: 'ghcr.io/example/notes-exporter:0.7.1', field: 'metrics.enabled', document: 0, path: ['metrics', 'image'],
      span: { start: { line: 7, col: 17, offset: 107 }, end: { line: 7, col: 47, offset: 137 } },
      message: 'imagepin did not check ghcr.io/example/notes-exporter:0.7.1 at apps/notes/values.yaml:7: the values set `metrics.enabled: false`, and by the usual chart convention nothing under a disabled block is deployed; if the chart deploys it anyway, it is not checked',
    },
    expect.objectContaining({ url: 'ghcr.io/example/restic:0.17.3', field: 'backup.enabled', path: ['backup', 'jobs', 'nightly', 'image'], span: expect.objectContaining({ start: { line: 13, col: 14, offset: 212 } }) }),
  ]);
  expect(result.diagnostics).toEqual([]);
});

test('only the literal boolean disables: `"false"`, `true` and a template leave the image an occurrence', () => {
  for (const written of ['"false"', 'true', '${EXPORTER_ON}', "'{{ .Values.on }}'"]) {
    const result = extractFile('values.yaml', values.replace('enabled: false', `enabled: ${written}`).replace(/backup:[\s\S]*$/, ''));
    expect(result.occurrences.map((o) => o.raw)).toEqual(['ghcr.io/example/notes:3.2.0', 'ghcr.io/example/notes-exporter:0.7.1']);
    expect(result.notFollowed).toBeUndefined();
  }
});

test('an app-template controller with `enabled: false` in a HelmRelease: its containers are notices', () => {
  const release = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: media}
spec:
  chart: {spec: {chart: app-template, version: 3.5.1, sourceRef: {kind: HelmRepository, name: bjw-s}}}
  values:
    controllers:
      player:
        containers:
          app: {image: {repository: ghcr.io/example/player, tag: 1.8.0}}
      transcoder:
        enabled: false
        containers:
          app: {image: {repository: ghcr.io/example/transcoder, tag: 0.3.0}}
`;
  const result = extractFile('apps/media/helmrelease.yaml', release);
  expect(result.occurrences.map((o) => o.raw)).toEqual(['ghcr.io/example/player:1.8.0']);
  expect(result.notFollowed?.map((n) => [n.url, n.field, n.span.start.line])).toEqual([['ghcr.io/example/transcoder:0.3.0', 'spec.values.controllers.transcoder.enabled', 14]]);
});

test('an Argo CD valuesObject follows the rule; an operator CR, read with the same conventions, does not (it is no chart values)', () => {
  const app = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: notes}\nspec:\n  source:\n    repoURL: https://charts.example.com\n    chart: notes\n    targetRevision: 3.2.0\n    helm:\n      valuesObject:\n        metrics:\n          enabled: false\n          image: ghcr.io/example/notes-exporter:0.7.1\n';
  const fromApp = extractFile('argocd/notes.yaml', app);
  expect(fromApp.occurrences).toEqual([]);
  expect(fromApp.notFollowed?.map((n) => [n.url, n.field, n.span.start.line])).toEqual([['ghcr.io/example/notes-exporter:0.7.1', 'spec.source.helm.valuesObject.metrics.enabled', 13]]);
  const cr = 'apiVersion: example.com/v1\nkind: Notes\nmetadata: {name: notes}\nspec:\n  exporter:\n    enabled: false\n    image: ghcr.io/example/notes-exporter:0.7.1\n';
  const fromCr = extractFile('notes-cr.yaml', cr);
  expect(fromCr.occurrences.map((o) => o.raw)).toEqual(['ghcr.io/example/notes-exporter:0.7.1']);
  expect(fromCr.notFollowed).toBeUndefined();
});
