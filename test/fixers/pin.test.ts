import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultConfig } from '../../src/config/schema.js';
import type { Inventory } from '../../src/engine/scan.js';
import { extractFile } from '../../src/extractors/index.js';
import { applyFixes } from '../../src/fixers/apply.js';
import { planFixes } from '../../src/fixers/plan.js';
import type { Resolution } from '../../src/resolver/types.js';

const dir = (name: string) => fileURLToPath(new URL(`golden/${name}`, import.meta.url));
const D = (n: number) => `sha256:${String(n).repeat(64)}`;

/** What the registry says, as data: release behind floating tags, digests of tags. */
const REGISTRY: Record<string, Partial<Resolution>> = {
  'docker.io/library/nginx:latest': { digest: D(1), version: '1.27.3', versionSource: 'shared-digest' },
  'docker.io/library/redis:7.4.1': { digest: D(3), version: '7.4.1', versionSource: 'tag' },
  'ghcr.io/acme/sidecar:main': { digest: D(4), versionSource: 'development-build' },
  'docker.io/library/busybox': { digest: D(5), version: '1.36.1', versionSource: 'shared-digest' },
  'ghcr.io/acme/app:2.4.1': { digest: D(6), version: '2.4.1', versionSource: 'tag' },
  'docker.io/bitnami/postgresql:16.4.0-debian-12-r0': { digest: D(7), version: '16.4.0-debian-12-r0', versionSource: 'tag' },
  'registry.k8s.io/ingress-nginx/controller:v1.11.2': { digest: D(8), version: 'v1.11.2', versionSource: 'tag' },
  'docker.io/library/python:3.10': { digest: D(9), version: '3.10.15', versionSource: 'shared-digest' },
  'docker.io/fluent/fluent-bit:3.1.9': { digest: `sha256:${'a'.repeat(64)}`, version: '3.1.9', versionSource: 'tag' },
  'quay.io/metallb/controller:main': { digest: `sha256:${'b'.repeat(64)}`, versionSource: 'development-build' },
  'ghcr.io/stefanprodan/charts/podinfo:6.7.1': { digest: `sha256:${'c'.repeat(64)}`, version: '6.7.1', versionSource: 'tag' },
  'docker.io/grafana/grafana:11.2.2': { digest: `sha256:${'d'.repeat(64)}`, version: '11.2.2', versionSource: 'tag' },
  'quay.io/prometheus/node-exporter:v1.8.2': { digest: `sha256:${'e'.repeat(64)}`, version: 'v1.8.2', versionSource: 'tag' },
  'ghcr.io/acme/api:1.0.0': { digest: `sha256:${'f'.repeat(64)}`, version: '1.0.0', versionSource: 'tag' },
  'ghcr.io/acme/web:1.9.0': { digest: D(2), version: '1.9.0', versionSource: 'tag' },
};

async function pin(file: string, text: string, config = defaultConfig()) {
  const result = extractFile(file, text);
  const inventory: Inventory = { source: 't', files: [], occurrences: result.occurrences, charts: [], mirrors: [], repositories: [], diagnostics: [],
    resolutions: new Map(Object.entries(REGISTRY).map(([reference, r]) => [reference, { reference, status: 'resolved', ...r } as Resolution])) };
  const { fixes, skipped } = await planFixes(inventory, { pin: true, mirror: false, config, text: () => text });
  return { ...applyFixes(file, text, fixes), skipped };
}

test.each([
  ['workloads', 'deploy.yaml'],
  ['values', 'values.yaml'],
  ['kustomization', 'kustomization.yaml'],
  ['application', 'application.yaml'],
  ['crlf', 'pod.yaml'],
])('%s: every reference pinned in place, everything else byte for byte the same', async (name, file) => {
  const input = readFileSync(dir(`${name}.in.yaml`), 'utf8');
  const { text, dropped } = await pin(file, input);
  expect(dropped).toEqual([]);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(dir(`${name}.out.yaml`))) writeFileSync(dir(`${name}.out.yaml`), text);
  expect(text).toBe(readFileSync(dir(`${name}.out.yaml`), 'utf8'));
  // Only lines holding image parts change (or are added), and a second run changes nothing.
  const before = input.split('\n');
  const changed = text.split('\n').filter((line) => !before.includes(line));
  for (const line of changed) expect(line).toMatch(/sha256:|tag:|newTag:|digest:|value:/);
  expect((await pin(file, text)).text).toBe(text);
  for (const occ of extractFile(file, text).occurrences) expect(occ.reference?.digest).toMatch(/^sha256:/);
});

test('pinFieldsWithoutDigest: skip leaves image maps without a digest field alone, and says why', async () => {
  const input = 'image:\n  repository: ghcr.io/acme/app\n  tag: "2.4.1"\n';
  const { text, skipped } = await pin('values.yaml', input, { ...defaultConfig(), pinFieldsWithoutDigest: 'skip' });
  expect(text).toBe(input);
  expect(skipped.map((s) => s.reason)).toEqual(['no digest field, and pinFieldsWithoutDigest is skip']);
});
