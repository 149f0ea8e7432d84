import { readFileSync } from 'node:fs';
import { MemorySource } from '../sources/memory.js';
import { readTalenv } from '../extractors/talos/talenv.js';
import { scanSource } from './scan.js';

const talconfig = readFileSync(new URL('../extractors/talos/__fixtures__/talconfig-env.yaml', import.meta.url), 'utf8');
const talenv = '# renovate: datasource=docker depName=ghcr.io/siderolabs/installer\ntalosVersion: v1.11.2\nkubernetesVersion: v1.34.1\ninstallerRepo: ghcr.io/siderolabs/installer\n';

test('talconfig.yaml ${VAR} are filled in from the talenv.yaml beside it, as talhelper genconfig does', async () => {
  const inventory = await scanSource(new MemorySource({ 'talos/talconfig.yaml': talconfig, 'talos/talenv.yaml': talenv }));
  // The `@file` patch is not in this tree (talhelper-patches.test.ts reads it).
  expect(inventory.diagnostics.map((d) => [d.file, d.line, d.message])).toEqual([
    ['talos/talconfig.yaml', 13, 'patch file ./patches/no-proxy.yaml is not among the files read, so the images it may set (or a kube-proxy it disables) are not known'],
  ]);
  const found = inventory.occurrences.map((o) => [o.raw, o.reference?.canonical, o.skipReason, o.parts.tag?.span.start.line]);
  expect(found).toEqual([
    ['ghcr.io/siderolabs/kubelet:v1.34.1', 'ghcr.io/siderolabs/kubelet:v1.34.1', undefined, 4],
    ['registry.k8s.io/kube-apiserver:v1.34.1', 'registry.k8s.io/kube-apiserver:v1.34.1', undefined, 4],
    ['registry.k8s.io/kube-controller-manager:v1.34.1', 'registry.k8s.io/kube-controller-manager:v1.34.1', undefined, 4],
    ['registry.k8s.io/kube-scheduler:v1.34.1', 'registry.k8s.io/kube-scheduler:v1.34.1', undefined, 4],
    ['registry.k8s.io/kube-proxy:v1.34.1', 'registry.k8s.io/kube-proxy:v1.34.1', undefined, 4],
    ['ghcr.io/siderolabs/installer:v1.11.2', 'ghcr.io/siderolabs/installer:v1.11.2', undefined, 3],
  ]);
  const kubelet = inventory.occurrences.find((o) => o.raw.startsWith('ghcr.io/siderolabs/kubelet'));
  expect(kubelet?.notes).toEqual(["talhelper writes ghcr.io/siderolabs/kubelet:v1.34.1 as machine.kubelet.image: the generator's image at kubernetesVersion (${kubernetesVersion} is v1.34.1 in talenv.yaml)"]);
});

test('without a talenv.yaml in the same folder the versions stay templated, as written', async () => {
  const inventory = await scanSource(new MemorySource({ 'talos/talconfig.yaml': talconfig, 'elsewhere/talenv.yaml': talenv }));
  const raws = inventory.occurrences.map((o) => [o.raw, o.skipReason]);
  expect(raws).toContainEqual(['${installerRepo}:${talosVersion}', 'templated']);
  expect(raws).toContainEqual(['ghcr.io/siderolabs/kubelet:${kubernetesVersion}', 'templated']);
  expect(raws).toHaveLength(6);
});

test('readTalenv: top-level scalars only; nothing from SOPS-encrypted, non-map or broken text', () => {
  expect(readTalenv('a: v1\nb: 2\nc: true\nd: [x]\ne: {f: g}\n')).toEqual({ a: 'v1', b: '2', c: 'true' });
  expect(readTalenv('talosVersion: ENC[AES256_GCM,data:abc]\nsops:\n  version: 3.9.0\n')).toEqual({});
  expect(readTalenv('k: ENC[AES256_GCM,data:abc]\n')).toEqual({});
  expect(readTalenv('- a\n- b\n')).toEqual({});
  expect(readTalenv('a: [\n')).toEqual({});
});
