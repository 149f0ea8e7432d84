import { readFileSync } from 'node:fs';
import { MemorySource } from '../sources/memory.js';
import { scanSource } from './scan.js';

const talconfig = readFileSync(new URL('../extractors/talos/__fixtures__/talconfig-env.yaml', import.meta.url), 'utf8');
const talenv = 'talosVersion: v1.11.2\nkubernetesVersion: v1.34.1\ninstallerRepo: ghcr.io/siderolabs/installer\n';
const raws = (files: Record<string, string>) => scanSource(new MemorySource(files)).then((i) => ({ raws: i.occurrences.map((o) => `${o.file} ${o.raw}`), diagnostics: i.diagnostics }));

test('a talhelper @file patch that disables kube-proxy: the talconfig implies no kube-proxy, and the patch file is read once', async () => {
  const noProxy = '# Cilium takes over service routing.\ncluster:\n  proxy:\n    disabled: true\n';
  const { raws: found, diagnostics } = await raws({ 'talos/talconfig.yaml': talconfig, 'talos/talenv.yaml': talenv, 'talos/patches/no-proxy.yaml': noProxy });
  expect(diagnostics).toEqual([]);
  expect(found).toEqual([
    'talos/talconfig.yaml ghcr.io/siderolabs/kubelet:v1.34.1',
    'talos/talconfig.yaml registry.k8s.io/kube-apiserver:v1.34.1',
    'talos/talconfig.yaml registry.k8s.io/kube-controller-manager:v1.34.1',
    'talos/talconfig.yaml registry.k8s.io/kube-scheduler:v1.34.1',
    'talos/talconfig.yaml ghcr.io/siderolabs/installer:v1.11.2',
  ]);
});

test('an RFC 6902 @file patch that sets the scheduler image: that image is reported from the patch, not implied', async () => {
  const scheduler = '- op: add\n  path: /cluster/scheduler\n  value:\n    image: registry.example.org/k8s/kube-scheduler:v1.34.1-custom\n';
  const { raws: found } = await raws({ 'talos/talconfig.yaml': talconfig, 'talos/talenv.yaml': talenv, 'talos/patches/no-proxy.yaml': scheduler });
  expect(found).toContain('talos/patches/no-proxy.yaml registry.example.org/k8s/kube-scheduler:v1.34.1-custom');
  expect(found).not.toContain('talos/talconfig.yaml registry.k8s.io/kube-scheduler:v1.34.1');
  expect(found).toContain('talos/talconfig.yaml registry.k8s.io/kube-proxy:v1.34.1');
});

test('a patch outside the tree or unparsable: a diagnostic (outside) or no effect (unparsable), never a throw', async () => {
  const outside = talconfig.replace('@./patches/no-proxy.yaml', '@../../shared/no-proxy.yaml');
  const { diagnostics } = await raws({ 'talos/talconfig.yaml': outside });
  expect(diagnostics.map((d) => d.message)).toEqual(['patch file ../../shared/no-proxy.yaml is outside the tree, so the images it may set (or a kube-proxy it disables) are not known']);
  const broken = await raws({ 'talos/talconfig.yaml': talconfig, 'talos/patches/no-proxy.yaml': 'cluster: [\n' });
  expect(broken.raws).toContain('talos/talconfig.yaml registry.k8s.io/kube-proxy:${kubernetesVersion}');
  expect(broken.diagnostics.map((d) => [d.file, d.code])).toEqual([['talos/patches/no-proxy.yaml', 'invalid-yaml']]);
});

test('a Talos 1.14 patch file with a KubeProxyConfig document (enabled: false) also removes kube-proxy', async () => {
  const multi = '---\ncluster:\n  allowSchedulingOnControlPlanes: true\n---\napiVersion: v1alpha1\nkind: KubeProxyConfig\nenabled: false\n';
  const { raws: found } = await raws({ 'talos/talconfig.yaml': talconfig, 'talos/talenv.yaml': talenv, 'talos/patches/no-proxy.yaml': multi });
  expect(found.filter((r) => r.includes('kube-'))).toEqual([
    'talos/talconfig.yaml registry.k8s.io/kube-apiserver:v1.34.1',
    'talos/talconfig.yaml registry.k8s.io/kube-controller-manager:v1.34.1',
    'talos/talconfig.yaml registry.k8s.io/kube-scheduler:v1.34.1',
  ]);
  const enabled = await raws({ 'talos/talconfig.yaml': talconfig, 'talos/talenv.yaml': talenv, 'talos/patches/no-proxy.yaml': multi.replace('enabled: false', 'enabled: true') });
  expect(enabled.raws).toContain('talos/talconfig.yaml registry.k8s.io/kube-proxy:v1.34.1');
});
