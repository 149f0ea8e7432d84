import { extractFile } from '../index.js';
import { templatedReason } from './templated.js';

test('argocd-vault-plugin placeholders are templated, with a reason naming the plugin', () => {
  expect(templatedReason('registry.<path:kv/data/cluster#host>/tools/eagle:2.1')).toBe('argocd-vault-plugin placeholder <path:kv/data/cluster#host> is filled in at deploy time');
  expect(templatedReason('<path:kv/data/cluster#registry#3>/eagle:2.1')).toMatch(/^argocd-vault-plugin placeholder <path:kv\/data\/cluster#registry#3>/);
  expect(templatedReason('<registry_host>/eagle:2.1')).toBe('argocd-vault-plugin placeholder <registry_host> is filled in at deploy time');
  expect(templatedReason('<path:kv/data/ci#tag | base64decode>')).toMatch(/^argocd-vault-plugin placeholder <path:kv\/data\/ci#tag \| base64decode>/);
  expect(templatedReason('shop/cart:<version | sha256sum>')).toMatch(/^argocd-vault-plugin placeholder <version \| sha256sum>/);
});

test('text that only looks like a placeholder is not one', () => {
  // A regular expression's named group (a patch target's name may be one) and plain references.
  expect(templatedReason('(?P<app>cart|till)-api')).toBeUndefined();
  expect(templatedReason('(?<app>cart)-api')).toBeUndefined();
  expect(templatedReason('a < b > c')).toBeUndefined();
  expect(templatedReason('ghcr.io/shop/cart:1.4.0')).toBeUndefined();
});

test('a Deployment whose image has a vault placeholder is templated, not an invalid reference', () => {
  const text = [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: eagle}', 'spec:', '  template:', '    spec:', '      containers:',
    '        - name: eagle', '          image: registry.<path:kv/data/cluster#host>/tools/eagle@sha256:' + 'a'.repeat(64), '',
  ].join('\n');
  const [occ] = extractFile('apps/eagle/deploy.yaml', text).occurrences;
  expect(occ).toMatchObject({ skipReason: 'templated', skipDetail: 'argocd-vault-plugin placeholder <path:kv/data/cluster#host> is filled in at deploy time' });
  expect(occ?.reference).toBeUndefined();
});
