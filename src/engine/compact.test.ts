import { extractFile } from '../extractors/index.js';
import { Compactor } from './compact.js';

const deployment = (name: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/team/${name}:1.2.3
          imagePullPolicy: IfNotPresent
        - name: proxy
          image: nginx:1.27.0
`;

test('compacting what a file yielded changes no value', () => {
  const result = extractFile('apps/a/deployment.yaml', deployment('svc-a'));
  const before = structuredClone(result);
  expect(result.occurrences).toHaveLength(2);
  new Compactor().file(result);
  expect(result).toEqual(before);
  expect(JSON.stringify(result)).toBe(JSON.stringify(before));
});

test('equal YAML paths are one array across files of a scan, and equal positions and spans one object within a file', () => {
  const compactor = new Compactor();
  const a = compactor.file(extractFile('apps/a/deployment.yaml', deployment('svc-a')));
  const b = compactor.file(extractFile('apps/b/deployment.yaml', deployment('svc-b')));
  const [first] = a.occurrences;
  expect(first?.parts.image?.path).toBe(first?.parts.tag?.path);
  expect(first?.parts.image?.path).toBe(b.occurrences[0]?.parts.image?.path);
  expect(first?.parts.image?.span.start).toBe(first?.parts.repository?.span.start);
  expect(first?.parts.image?.span).toBe(first?.parts.image?.node.span);
  // Another file's positions are its own, even where the numbers are the same.
  expect(b.occurrences[0]?.parts.image?.span.start).toEqual(first?.parts.image?.span.start);
  expect(b.occurrences[0]?.parts.image?.span.start).not.toBe(first?.parts.image?.span.start);
});

test('two scans share nothing', () => {
  const one = new Compactor().file(extractFile('apps/a/deployment.yaml', deployment('svc-a')));
  const two = new Compactor().file(extractFile('apps/a/deployment.yaml', deployment('svc-a')));
  expect(one.occurrences[0]?.path).toEqual(two.occurrences[0]?.path);
  expect(one.occurrences[0]?.path).not.toBe(two.occurrences[0]?.path);
});

test('plain data: strings and the YAML paths under the keys named become the scan\'s copies, other arrays stay their own', () => {
  const compactor = new Compactor();
  const leaves = (tag: string) => ({ kind: 'value-leaves', file: 'charts/a/values.yaml', leaves: { 'image.tag': { value: tag, line: 3, path: ['image', 'tag'] } }, keys: ['image'] });
  const one = leaves('1.0');
  const two = leaves('2.0');
  compactor.plain(one, new Set(['path']));
  compactor.plain(two, new Set(['path']));
  expect(one.leaves['image.tag'].path).toBe(two.leaves['image.tag'].path);
  expect(two.leaves['image.tag'].path).toEqual(['image', 'tag']);
  expect(one.keys).not.toBe(two.keys);
  expect(one.file).toBe(two.file);
  // Without keys named, no array is shared.
  const three = leaves('3.0');
  compactor.plain(three);
  expect(three.leaves['image.tag'].path).not.toBe(one.leaves['image.tag'].path);
});
