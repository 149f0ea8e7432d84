import { LineCounter, parseDocument } from 'yaml';
import { extractFile } from '../extractors/index.js';
import { fastDocuments } from './fast/index.js';
import { parseYaml } from './parse.js';
import { YamlView } from './view.js';

const view = (text: string): YamlView => {
  const lineCounter = new LineCounter();
  return new YamlView(text, lineCounter, parseDocument(text, { lineCounter, uniqueKeys: false }));
};

test('an alias key reads as its anchor scalar in entries and get; map and sequence keys stay skipped', () => {
  const v = view('name: &who alpha\nbox:\n  *who : {size: 2}\n  ? [x]\n  : skipped\n  plain: 3\n');
  const box = v.get(v.doc.contents, 'box');
  expect([...v.entries(box)].map(([key]) => key)).toEqual(['alpha', 'plain']);
  expect(v.str(box, 'alpha', 'size')).toBe('2');
  expect(v.at(v.doc.contents, ['box', 'alpha', 'size'])).toBeDefined();
});

test('an alias key whose anchor is not a scalar is skipped, as before', () => {
  const v = view('base: &m {a: 1}\nbox:\n  *m : oops\n  kept: yes\n');
  expect([...v.entries(v.get(v.doc.contents, 'box'))].map(([key]) => key)).toEqual(['kept']);
});

test('an alias key is a duplicate only where its anchor value repeats a written key; then both values are read', () => {
  const text = 'name: &tag edge\nimage:\n  repository: ghcr.io/example/tool\n  tag: stable\n  *tag : "1.2"\n';
  const parsed = parseYaml('values.yaml', text);
  expect(parsed.diagnostics).toEqual([]);
  expect(parsed.documents[0]!.duplicates).toEqual([]);
  const twice = 'name: &tag tag\nimage:\n  repository: ghcr.io/example/tool\n  tag: stable\n  *tag : "1.2"\n';
  expect(parseYaml('values.yaml', twice).diagnostics.map((d) => d.code)).toEqual(['duplicate-key']);
  expect(extractFile('values.yaml', twice).occurrences.map((o) => o.raw).sort()).toEqual(['ghcr.io/example/tool:1.2', 'ghcr.io/example/tool:stable']);
});

// An app-template release whose controller is named by the release's anchor, as home labs write it.
const release = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: &app lantern
spec:
  chart:
    spec: {chart: app-template, version: 3.5.1, sourceRef: {kind: HelmRepository, name: bjw-s}}
  values:
    controllers:
      *app :
        containers:
          app:
            image:
              repository: ghcr.io/example/lantern
              tag: 2.4.0
`;

test('an app-template controller keyed by an alias is read, at its lines', () => {
  const result = extractFile('apps/lantern/helmrelease.yaml', release);
  expect(result.diagnostics).toEqual([]);
  expect(result.occurrences.map((o) => [o.raw, o.parts.repository?.span.start.line, o.path.join('.')])).toEqual([
    ['ghcr.io/example/lantern:2.4.0', 14, 'spec.values.controllers.lantern.containers.app.image'],
  ]);
});

test('a values file whose image key is an alias (a key named once, reused) gives the image', () => {
  const text = 'keys: [&img image]\nworker:\n  *img :\n    repository: ghcr.io/example/worker\n    tag: 0.9.1\n';
  expect(extractFile('values.yaml', text).occurrences.map((o) => [o.raw, o.path.join('.')])).toEqual([['ghcr.io/example/worker:0.9.1', 'worker.image']]);
});

test('the fast reader leaves a document with an alias key to yaml', () => {
  const lineCounter = new LineCounter();
  expect(fastDocuments(release, { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: 'error' }, lineCounter)).toBeUndefined();
});
