import { readFileSync } from 'node:fs';
import { MemorySource } from '../sources/memory.js';
import { scanSource } from '../engine/scan.js';
import type { Occurrence } from '../model/occurrence.js';
import type { Resolution } from '../resolver/types.js';
import { planPin } from './pin.js';
import { applyEdits } from './splice.js';

// pin edits a Crossplane package line (decision 0071) as any image, and re-reading the file finds the pinned package.

const path = 'platform/crossplane/packages.yaml';
const file = readFileSync(new URL('../extractors/crd/__fixtures__/crossplane.yaml', import.meta.url), 'utf8');
const digest = `sha256:${'cd'.repeat(32)}`;
const resolved = (occ: Occurrence): Resolution => ({ reference: occ.reference!.canonical, status: 'resolved', digest, version: occ.reference!.tag!, versionSource: 'tag' });

async function packages(text: string): Promise<Occurrence[]> {
  return (await scanSource(new MemorySource({ [path]: text }))).occurrences.filter((o) => o.path.join('.') === 'spec.package');
}

test.each([
  ['Function fn-a', `  package: xpkg.example.io/acme/fn-a:v0.1.0@${digest}`],
  ['Provider provider-widgets', `  package: "ghcr.io/acme/provider-widgets:v2.3.1@${digest}"`],
])('pin the package of %s writes the digest after the tag, and the file reads back pinned', async (workload, line) => {
  const occ = (await packages(file)).find((o) => `${o.workload?.kind} ${o.workload?.name}` === workload)!;
  const fix = planPin(occ, resolved(occ), file);
  expect(fix && 'edits' in fix && fix.to).toBe(`${occ.reference!.canonical}@${digest}`);
  const pinned = applyEdits(file, fix && 'edits' in fix ? fix.edits : []);
  expect(pinned.split('\n').filter((l, i) => l !== file.split('\n')[i])).toEqual([line]);
  const again = (await packages(pinned)).find((o) => `${o.workload?.kind} ${o.workload?.name}` === workload)!;
  expect(again.reference?.canonical).toBe(`${occ.reference!.canonical}@${digest}`);
});

test('a package without a registry host is not pinned, and the pinned Configuration is left as written', async () => {
  const all = await packages(file);
  expect(all.map((o) => o.workload?.name)).toEqual(['fn-a', 'provider-widgets', 'platform-apis', 'fn-short']);
  const short = all.find((o) => o.workload?.name === 'fn-short')!;
  expect(short.reference).toBeUndefined();
  expect(planPin(short, undefined, file)).toBeUndefined();
  const configuration = all.find((o) => o.workload?.name === 'platform-apis')!;
  expect(configuration.reference?.digest).toBe(`sha256:${'2'.repeat(64)}`);
  expect(planPin(configuration, resolved(configuration), file)).toBeUndefined();
});
