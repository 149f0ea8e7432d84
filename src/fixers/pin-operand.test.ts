import { MemorySource } from '../sources/memory.js';
import { scanSource } from '../engine/scan.js';
import type { Occurrence } from '../model/occurrence.js';
import type { Resolution } from '../resolver/types.js';
import { planPin } from './pin.js';
import { applyEdits } from './splice.js';

// pin edits exactly the reference inside an argument or env value (decision 0053), and re-reading the file finds the pinned one.

const file = [
  'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: mon}', 'spec:', '  template:', '    spec:', '      containers:',
  '        - name: operator', '          image: registry.example.net/mon/operator@sha256:' + '0'.repeat(64),
  '          args:',
  '            - --prometheus-config-reloader=registry.example.net/mon/config-reloader:v0.80.0',
  '            - "--log-level=info"',
  '            - -entrypoint-image',
  "            - 'registry.example.net/pipes/entrypoint:v0.70.0'",
  '          env:',
  '            - name: OPERATOR_IMAGE_NAME',
  '              value: registry.example.net/mon/operator:v0.80.0',
  '            - name: MON_SIDECAR_IMAGES',
  '              value: |',
  '                a=registry.example.net/mon/sidecar:1.0',
  '',
].join('\n');

const digest = `sha256:${'ab'.repeat(32)}`;
const resolved = (occ: Occurrence): Resolution => ({ reference: occ.reference!.canonical, status: 'resolved', digest, version: occ.reference!.tag!, versionSource: 'tag' });

async function scan(text: string): Promise<Occurrence[]> {
  return (await scanSource(new MemorySource({ 'mon/deploy.yaml': text }))).occurrences;
}

test.each([
  ['spec.template.spec.containers.0.args.0', '            - --prometheus-config-reloader=registry.example.net/mon/config-reloader:v0.80.0@' + digest],
  ['spec.template.spec.containers.0.args.3', `            - 'registry.example.net/pipes/entrypoint:v0.70.0@${digest}'`],
  ['spec.template.spec.containers.0.env.0.value', `              value: registry.example.net/mon/operator:v0.80.0@${digest}`],
])('pin %s writes the digest after the tag, inside the scalar, and the file reads back pinned', async (path, line) => {
  const occ = (await scan(file)).find((o) => o.path.join('.') === path)!;
  const fix = planPin(occ, resolved(occ), file);
  expect(fix && 'edits' in fix && fix.to).toBe(`${occ.reference!.canonical}@${digest}`);
  const pinned = applyEdits(file, fix && 'edits' in fix ? fix.edits : []);
  const changed = pinned.split('\n').filter((l, i) => l !== file.split('\n')[i]);
  expect(changed).toEqual([line]);
  const again = (await scan(pinned)).find((o) => o.path.join('.') === path)!;
  expect(again.reference?.canonical).toBe(`${occ.reference!.canonical}@${digest}`);
  expect(again.notes).toEqual(occ.notes);
});

test('a reference inside a `|` block is left alone, with the reason', async () => {
  const occ = (await scan(file)).find((o) => o.path.join('.') === 'spec.template.spec.containers.0.env.1.value')!;
  expect(occ.reference?.canonical).toBe('registry.example.net/mon/sidecar:1.0');
  expect(planPin(occ, resolved(occ), file)).toEqual({ occurrence: occ, reason: 'written as a block or escaped scalar, which imagepin does not rewrite' });
});
