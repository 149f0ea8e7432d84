import { planPin } from '../fixers/pin.js';
import { MemorySource } from '../sources/memory.js';
import { scanSource } from './scan.js';

const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broker\nspec:\n  template:\n    spec:\n      containers:\n        - name: broker\n          image: ghcr.io/example/broker:1.0\n';
const ops = '[\n  {"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "ghcr.io/example/broker:4.0"}\n]\n';
const overlay = 'resources: [../base]\npatches:\n  - path: broker-image.json\n    target: {kind: Deployment, name: broker}\n  - path: absent.json\n';

test('a .json RFC 6902 patch file a kustomization names is read: its image where written, and the base line joined to it', async () => {
  const files = {
    'broker/base/deploy.yaml': deploy, 'broker/base/kustomization.yaml': 'resources: [deploy.yaml]\n',
    'broker/prod/kustomization.yaml': overlay, 'broker/prod/broker-image.json': ops, 'broker/prod/unnamed.json': ops,
  };
  const inventory = await scanSource(new MemorySource(files));
  expect(inventory.diagnostics).toEqual([{ file: 'broker/prod/kustomization.yaml', code: 'unreadable', line: 5, message: 'patch file absent.json is not among the files read, so the images it may set are not known' }]);
  const patch = inventory.occurrences.find((o) => o.file === 'broker/prod/broker-image.json');
  expect(patch).toMatchObject({ format: 'kustomize', raw: 'ghcr.io/example/broker:4.0', path: [0, 'value'], parts: { image: { span: { start: { line: 2, col: 81 } } } } });
  // pin edits the value inside its JSON string, and the file stays JSON.
  const digest = `sha256:${'d'.repeat(64)}`;
  const fix = planPin(patch!, { reference: patch!.reference!.canonical, status: 'resolved', digest, version: '4.0', versionSource: 'tag' }, ops);
  const edited = fix && 'edits' in fix ? fix.edits.reduceRight((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), ops) : undefined;
  expect(JSON.parse(edited ?? 'null')).toEqual([{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: `ghcr.io/example/broker:4.0@${digest}` }]);
  // A .json file no kustomization names is not read.
  expect(inventory.files.map((f) => f.file)).not.toContain('broker/prod/unnamed.json');
  const base = inventory.occurrences.find((o) => o.file === 'broker/base/deploy.yaml');
  expect(base?.effective?.map((e) => [e.for?.file, e.reference?.canonical, e.provenance.map((p) => `${p.kind} ${p.file}:${p.line}`)])).toEqual([
    ['broker/prod/kustomization.yaml', 'ghcr.io/example/broker:4.0', ['kustomize-patch broker/prod/broker-image.json:2']],
  ]);
});

test('a named .json patch file that is not JSON, or writes no image, is a diagnostic or nothing, never a throw', async () => {
  for (const [text, codes] of [['{"op": ', ['invalid-yaml']], ['[{"op": "add", "path": "/metadata/labels/x", "value": "y"}]', []], ['null', []]] as const) {
    const files = { 'broker/base/deploy.yaml': deploy, 'broker/base/kustomization.yaml': 'resources: [deploy.yaml]\n', 'broker/prod/kustomization.yaml': overlay.replace('  - path: absent.json\n', ''), 'broker/prod/broker-image.json': text };
    const inventory = await scanSource(new MemorySource(files));
    expect(inventory.diagnostics.map((d) => d.code)).toEqual(codes);
    expect(inventory.occurrences.map((o) => [o.file, o.effective])).toEqual([['broker/base/deploy.yaml', undefined]]);
  }
});
