import { applyEdits } from './splice.js';
import { overrideEdits } from './override.js';

const apply = (text: string, path: (string | number)[], fields: Record<string, string>, document = 0): string => {
  const edits = overrideEdits(text, document, path, fields);
  if (typeof edits === 'string') return `refused: ${edits}`;
  return applyEdits(text, edits);
};

const RELEASE = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: harbor}
spec:
  chart:
    spec: {chart: harbor, version: 1.15.1}
  values:
    # keep this comment
    core:
      replicas: 2
  interval: 30m
`;

test.each([
  ['a new nested path under existing values, after the last key', ['spec', 'values', 'database', 'internal', 'image'],
    RELEASE.replace('      replicas: 2\n', '      replicas: 2\n    database:\n      internal:\n        image:\n          tag: "v2.11.1"\n          digest: "sha256:1"\n')],
  ['keys added to a map that exists', ['spec', 'values', 'core'], RELEASE.replace('      replicas: 2\n', '      replicas: 2\n      tag: "v2.11.1"\n      digest: "sha256:1"\n')],
])('%s', (_name, path, expected) => {
  expect(apply(RELEASE, path, { tag: 'v2.11.1', digest: 'sha256:1' })).toBe(expected);
});

test('values that exist are replaced in place; a second document is found by index; CRLF is kept', () => {
  const text = '---\r\na: 1\r\n---\r\nspec:\r\n  values:\r\n    image:\r\n      tag: dev # rolling\r\n';
  expect(apply(text, ['spec', 'values', 'image'], { tag: 'v1@sha256:2' }, 1)).toBe('---\r\na: 1\r\n---\r\nspec:\r\n  values:\r\n    image:\r\n      tag: "v1@sha256:2" # rolling\r\n');
});

test('flow maps and scalars on the way are refused with the reason', () => {
  expect(apply('spec:\n  values: {a: 1}\n', ['spec', 'values', 'image'], { tag: 'x' })).toBe('refused: spec.values is not a block map that keys can be added to');
  expect(apply('spec:\n  values: text\n', ['spec', 'values', 'image'], { tag: 'x' })).toBe('refused: spec.values is not a map');
});
