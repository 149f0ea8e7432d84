import { scanSource } from '../../engine/scan.js';
import { MemorySource } from '../../sources/memory.js';
import { extractFile } from '../index.js';

// A build farm of our own: its job templates kept in a List, a Secret and a two-document string.
const listed = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: farm-jobs}
    data:
      small.yaml: |
        containers:
          - name: step
            image: registry.example.org/farm/step:3.1.0
  - apiVersion: v1
    kind: Service
    metadata: {name: farm}
    spec: {ports: [{port: 80}]}
`;

test('a ConfigMap that is an item of a List: its pod spec strings are read at their lines, with the item path', () => {
  const result = extractFile('farm/list.yaml', listed);
  expect(result.diagnostics).toEqual([]);
  expect(result.occurrences.map((o) => [o.raw, o.parts.image?.span.start.line, o.path.join('.'), o.workload?.kind, o.format])).toEqual([
    ['registry.example.org/farm/step:3.1.0', 11, 'items.0.data.small.yaml.containers.0.image', 'Pod', 'kubernetes'],
  ]);
  expect(result.occurrences[0]!.notes).toContain('held in ConfigMap farm-jobs');
  const { start, end } = result.occurrences[0]!.parts.image!.span;
  expect(listed.slice(start.offset, end.offset)).toBe('registry.example.org/farm/step:3.1.0');
});

test("a Secret's stringData pod spec is read; its base64 data and a ConfigMap-like kind of another API are not", () => {
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: farm-private-jobs}\nstringData:\n  gpu.yaml: |\n    spec:\n      containers:\n        - name: train\n          image: registry.example.org/farm/cuda:12.4\ndata:\n  other.yaml: Y29udGFpbmVyczoK\n';
  const result = extractFile('farm/secret.yaml', secret);
  expect(result.occurrences.map((o) => [o.raw, o.parts.image?.span.start.line, o.path.join('.')])).toEqual([['registry.example.org/farm/cuda:12.4', 9, 'stringData.gpu.yaml.spec.containers.0.image']]);
  expect(result.occurrences[0]!.notes).toEqual(['a pod spec held in the string gpu.yaml, which a program (such as a CI runner) reads to create pods; it is not applied as written', 'held in Secret farm-private-jobs']);
  const other = 'apiVersion: example.org/v1\nkind: Secret\nmetadata: {name: x}\nstringData:\n  a.yaml: |\n    containers:\n      - image: registry.example.org/farm/no:1.0\n';
  expect(extractFile('farm/other.yaml', other).occurrences).toEqual([]);
});

test('every document of a pod spec string is read; a later one has its own path segment and note', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: farm-pair}\ndata:\n  pair.yaml: |\n    containers:\n      - name: a\n        image: registry.example.org/farm/a:1.0.0\n    ---\n    # settings, not a pod\n    retries: 3\n    ---\n    spec:\n      containers:\n        - name: b\n          image: registry.example.org/farm/b:2.0.0\n';
  const result = extractFile('farm/pair.yaml', text);
  expect(result.diagnostics).toEqual([]);
  expect(result.occurrences.map((o) => [o.raw, o.parts.image?.span.start.line, o.path.join('.')])).toEqual([
    ['registry.example.org/farm/a:1.0.0', 8, 'data.pair.yaml.containers.0.image'],
    ['registry.example.org/farm/b:2.0.0', 16, 'data.pair.yaml.---2.spec.containers.0.image'],
  ]);
  expect(result.occurrences[1]!.notes).toContain('a pod spec held in the string pair.yaml (its document 3), which a program (such as a CI runner) reads to create pods; it is not applied as written');
  const { start, end } = result.occurrences[1]!.parts.image!.span;
  expect(text.slice(start.offset, end.offset)).toBe('registry.example.org/farm/b:2.0.0');
});

test('app-template configMaps strings read every document too', () => {
  const values = 'configMaps:\n  jobs:\n    data:\n      two.yaml: |\n        # header\n        retries: 1\n        ---\n        containers:\n          - image: registry.example.org/farm/late:4.0.0\n';
  expect(extractFile('farm/values.yaml', values).occurrences.map((o) => [o.raw, o.parts.image?.span.start.line, o.path.join('.')])).toEqual([
    ['registry.example.org/farm/late:4.0.0', 9, 'configMaps.jobs.data.two.yaml.---1.containers.0.image'],
  ]);
});

test("kustomize's images transformer rewrites neither a Secret's stringData pod spec nor a List item's ConfigMap string", async () => {
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: farm-private-jobs}\nstringData:\n  job.yaml: |\n    containers:\n      - name: build\n        image: registry.example.org/farm/step:3.1.0\n';
  const tree = new MemorySource({
    'farm/kustomization.yaml': 'resources: [list.yaml, secret.yaml]\nimages:\n  - name: registry.example.org/farm/step\n    newTag: 9.9.9\n',
    'farm/list.yaml': listed,
    'farm/secret.yaml': secret,
  });
  const inventory = await scanSource(tree);
  expect(inventory.occurrences.filter((o) => o.file !== 'farm/kustomization.yaml').map((o) => [o.file, o.raw, o.effective])).toEqual([
    ['farm/list.yaml', 'registry.example.org/farm/step:3.1.0', undefined],
    ['farm/secret.yaml', 'registry.example.org/farm/step:3.1.0', undefined],
  ]);
});
