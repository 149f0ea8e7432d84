import { readFileSync } from 'node:fs';
import { MemorySource } from '../sources/memory.js';
import { scanSource } from './scan.js';

const fixture = (name: string) => readFileSync(new URL(`../extractors/talos/__fixtures__/${name}`, import.meta.url), 'utf8');
const topf = fixture('topf-cluster.yaml');
const scan = (files: Record<string, string>) => scanSource(new MemorySource(files)).then((i) => ({ raws: i.occurrences.map((o) => `${o.file} ${o.raw}`), diagnostics: i.diagnostics.map((d) => `${d.file} ${d.message}`) }));

// A Go-templated control-plane patch (values from topf's context) that hands service routing to the CNI.
const cluster = 'cluster:\n  clusterName: {{ .ClusterName }}\n  proxy:\n    disabled: true\n  coreDNS:\n    disabled: true\n';
const install = 'machine:\n  install:\n    disk: /dev/nvme0n1\n';
const schematic = 'customization:\n  systemExtensions:\n    officialExtensions:\n      - siderolabs/i915\n';

test('topf with its folders read: a templated control-plane patch disables kube-proxy, the install disk patch pins no image', async () => {
  const { raws, diagnostics } = await scan({ 'talos/topf.yaml': topf, 'talos/control-plane/00-cluster.yaml.tpl': cluster, 'talos/all/00-install.yaml': install, 'talos/schematic.yaml': schematic });
  expect(diagnostics).toEqual([]);
  expect(raws).toEqual([
    'talos/topf.yaml factory.talos.dev/metal-installer-secureboot/<schematic ID>:v1.13.0',
    'talos/topf.yaml ghcr.io/siderolabs/kubelet:v1.36.0',
    'talos/topf.yaml registry.k8s.io/kube-apiserver:v1.36.0',
    'talos/topf.yaml registry.k8s.io/kube-controller-manager:v1.36.0',
    'talos/topf.yaml registry.k8s.io/kube-scheduler:v1.36.0',
  ]);
});

test('a Talos 1.14 KubeProxyConfig document under all/ removes kube-proxy; a node folder that pins machine.install.image takes that node out of the generated installer', async () => {
  const documents = '---\napiVersion: v1alpha1\nkind: KubeProxyConfig\nenabled: false\n---\napiVersion: v1alpha1\nkind: KubeCoreDNSConfig\nenabled: false\n';
  const pinned = 'machine:\n  install:\n    image: factory.talos.dev/metal-installer/376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba:v1.12.9\n';
  const { raws, diagnostics } = await scan({ 'talos/topf.yaml': topf, 'talos/all/10-kubernetes.yaml': documents, 'talos/node/work-2/install.yaml': pinned });
  expect(diagnostics).toEqual([]);
  expect(raws.filter((r) => r.includes('kube-proxy'))).toEqual([]);
  expect(raws).toContain('talos/node/work-2/install.yaml factory.talos.dev/metal-installer/376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba:v1.12.9');
  const result = await scanSource(new MemorySource({ 'talos/topf.yaml': topf, 'talos/node/work-2/install.yaml': pinned }));
  expect(result.occurrences.find((o) => o.path[0] === 'talosVersion')?.workload).toEqual({ kind: 'TalosNode', name: 'cp-1, cp-2, cp-3, work-1' });
});

test('a template with a condition is not taken to disable kube-proxy: kube-proxy stays, and a diagnostic says why', async () => {
  const conditional = '{{ if eq .Node.Data.cni "cilium" }}\ncluster:\n  proxy:\n    disabled: true\n{{ end }}\n';
  const { raws, diagnostics } = await scan({ 'talos/topf.yaml': topf, 'talos/control-plane/00-cluster.yaml.tpl': conditional });
  expect(raws).toContain('talos/topf.yaml registry.k8s.io/kube-proxy:v1.36.0');
  expect(diagnostics).toEqual([
    'talos/topf.yaml patch file talos/control-plane/00-cluster.yaml.tpl was not read, or is a Go template with conditions imagepin does not evaluate, so the images it may set (or a kube-proxy it disables) are not known',
  ]);
});

test('patches of another role, another host or outside the folders do not count; a patchesDir moves the folders', async () => {
  const noProxy = 'cluster:\n  proxy:\n    disabled: true\n';
  const elsewhere = await scan({ 'talos/topf.yaml': topf, 'talos/worker/00-proxy.yaml': noProxy, 'talos/node/work-1/00-proxy.yaml': noProxy, 'talos/extra/00-proxy.yaml': noProxy });
  expect(elsewhere.raws).toContain('talos/topf.yaml registry.k8s.io/kube-proxy:v1.36.0');
  const moved = topf.replace('nodes:', 'patchesDir: patches\nnodes:');
  const inside = await scan({ 'talos/topf.yaml': moved, 'talos/patches/control-plane/00-proxy.yaml': noProxy, 'talos/control-plane/00-proxy.yaml': 'cluster: {}\n' });
  expect(inside.raws.filter((r) => r.includes('kube-proxy'))).toEqual([]);
  const outside = await scan({ 'talos/topf.yaml': topf.replace('nodes:', 'patchesDir: ../../shared\nnodes:') });
  expect(outside.raws).toContain('talos/topf.yaml registry.k8s.io/kube-proxy:v1.36.0');
  expect(outside.diagnostics[0]).toContain('(patchesDir is outside the tree)');
});

test('a patch file the listing holds but the source did not fetch (a pull request) is not read, and said so; without a listing the folders are not read', async () => {
  const noProxy = 'cluster:\n  proxy:\n    disabled: true\n';
  const files = { 'talos/topf.yaml': topf, 'talos/control-plane/00-proxy.yaml': noProxy };
  const tree = [...Object.keys(files), 'talos/node/cp-1/extra/10-more.yaml'];
  const partial = Object.assign(new MemorySource(files), { tree: async () => tree });
  const result = await scanSource(partial);
  expect(result.occurrences.some((o) => o.raw.includes('kube-proxy'))).toBe(false);
  expect(result.diagnostics.map((d) => d.message)).toEqual([
    'patch file talos/node/cp-1/extra/10-more.yaml was not read, or is a Go template with conditions imagepin does not evaluate, so the images it may set (or a kube-proxy it disables) are not known',
  ]);
  const unlisted = await scanSource(Object.assign(new MemorySource(files), { tree: async () => undefined }));
  expect(unlisted.occurrences.some((o) => o.raw.includes('kube-proxy'))).toBe(true);
  expect(unlisted.diagnostics.map((d) => d.message)[0]).toContain('(the scan read it without them)');
});
