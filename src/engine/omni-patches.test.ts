import { MemorySource } from '../sources/memory.js';
import { scanSource } from './scan.js';

const template = (files: string[]) =>
  `kind: Cluster\nname: hall\nkubernetes:\n  version: v1.36.2\npatches:\n${files.map((f) => `  - file: ${f}\n`).join('')}---\nkind: ControlPlane\nmachines:\n  - 0b6d2f4e-1a3c-4d5e-8f70-9a1b2c3d4e5f\n`;
const scan = (files: Record<string, string>) => scanSource(new MemorySource(files)).then((i) => ({ raws: i.occurrences.map((o) => `${o.file} ${o.raw}`), diagnostics: i.diagnostics }));
const noProxy = 'cluster:\n  proxy:\n    disabled: true\n';
const kubelet = 'apiVersion: v1alpha1\nkind: KubeletConfig\nimage: registry.hall.example/kubelet:v1.36.2-hall\n';

test('an Omni file: patch beside the template that disables kube-proxy, and one from the repository root that sets the kubelet: both consulted', async () => {
  const { raws, diagnostics } = await scan({
    'omni/cluster-template.yaml': template(['patches/no-proxy.yaml', 'omni/patches/kubelet.yaml']),
    'omni/patches/no-proxy.yaml': noProxy,
    'omni/patches/kubelet.yaml': kubelet,
  });
  expect(diagnostics).toEqual([]);
  expect(raws).toEqual([
    'omni/cluster-template.yaml registry.k8s.io/kube-apiserver:v1.36.2',
    'omni/cluster-template.yaml registry.k8s.io/kube-controller-manager:v1.36.2',
    'omni/cluster-template.yaml registry.k8s.io/kube-scheduler:v1.36.2',
    'omni/patches/kubelet.yaml registry.hall.example/kubelet:v1.36.2-hall',
  ]);
});

test('without the patch files the images are implied as before, and each named file the tree does not hold is an unreadable diagnostic', async () => {
  const { raws, diagnostics } = await scan({ 'omni/cluster-template.yaml': template(['patches/no-proxy.yaml', '/etc/omni/abs.yaml']) });
  expect(raws).toContain('omni/cluster-template.yaml registry.k8s.io/kube-proxy:v1.36.2');
  expect(diagnostics.map((d) => [d.file, d.code, d.line, d.message])).toEqual([
    ['omni/cluster-template.yaml', 'unreadable', 6, 'Omni patch file patches/no-proxy.yaml is not among the files read (looked for omni/patches/no-proxy.yaml and patches/no-proxy.yaml), so the images it may set (or a kube-proxy it disables) are not known'],
    ['omni/cluster-template.yaml', 'unreadable', 7, 'Omni patch file /etc/omni/abs.yaml is outside the tree, so the images it may set (or a kube-proxy it disables) are not known'],
  ]);
});

test('a template under a name the scan does not read first: its file patches are said to be unknown, not silently ignored', async () => {
  const { raws, diagnostics } = await scan({ 'clusters/hall.yaml': template(['no-proxy.yaml']), 'clusters/no-proxy.yaml': noProxy });
  expect(raws).toContain('clusters/hall.yaml registry.k8s.io/kube-proxy:v1.36.2');
  expect(diagnostics.map((d) => d.message)).toEqual([
    'Omni patch file no-proxy.yaml is not read before this template (its file name is not one imagepin reads first), so the images it may set (or a kube-proxy it disables) are not known',
  ]);
});

test('a helmfile: a values file or sub-helmfile the tree does not hold is an unreadable diagnostic; templated, remote and held ones are not', async () => {
  const helmfile = [
    'releases:', '  - name: web', '    chart: charts/web', '    values:', '      - values/web.yaml', '      - values/{{ .Environment.Name }}.yaml', '      - values/missing.yaml',
    '      - replicas: 2', 'helmfiles:', '  - path: apps/helmfile.yaml', '  - git::https://example.org/ops.git@helmfile.yaml', '',
  ].join('\n');
  const { diagnostics } = await scan({ 'deploy/helmfile.yaml': helmfile, 'deploy/values/web.yaml': 'replicas: 1\n' });
  expect(diagnostics.map((d) => [d.file, d.code, d.line, d.message])).toEqual([
    ['deploy/helmfile.yaml', 'unreadable', 7, 'values file values/missing.yaml is not among the files of the tree, so the values it may set are not known'],
    ['deploy/helmfile.yaml', 'unreadable', 10, 'helmfile apps/helmfile.yaml is not among the files of the tree, so the releases it may hold are not known'],
  ]);
});

test("an Omni Cluster's kubernetes.manifests file the tree does not hold is an unreadable diagnostic; one it holds is read as its own file", async () => {
  const cluster = 'kind: Cluster\nname: hall\nkubernetes:\n  manifests:\n    - name: cni\n      file: manifests/cni.yaml\n    - name: gone\n      file: manifests/gone.yaml\n';
  const cni = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: cni\nspec:\n  template:\n    spec:\n      containers:\n        - name: agent\n          image: quay.io/hall/cni-agent:1.4.0\n';
  const { raws, diagnostics } = await scan({ 'omni/cluster-template.yaml': cluster, 'omni/manifests/cni.yaml': cni });
  expect(raws).toEqual(['omni/manifests/cni.yaml quay.io/hall/cni-agent:1.4.0']);
  expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
    [8, 'Omni manifest file manifests/gone.yaml is not among the files of the tree (looked for omni/manifests/gone.yaml and manifests/gone.yaml), so the images it deploys are not known'],
  ]);
});

test('Omni ConfigPatches resources labelled for the cluster (or its control plane set) are consulted; a machine\'s or another cluster\'s are not', async () => {
  const resource = (id: string, labels: string, data: string) =>
    `metadata:\n  namespace: default\n  type: ConfigPatches.omni.sidero.dev\n  id: ${id}\n  labels:\n${labels}spec:\n  data: |\n${data.split('\n').filter(Boolean).map((l) => `    ${l}\n`).join('')}`;
  const patches = [
    resource('400-no-proxy', '    omni.sidero.dev/cluster: hall\n', noProxy),
    resource('401-scheduler', '    omni.sidero.dev/cluster: hall\n    omni.sidero.dev/machine-set: hall-control-planes\n', 'apiVersion: v1alpha1\nkind: KubeSchedulerConfig\nenabled: false\n'),
    resource('402-one-machine', '    omni.sidero.dev/cluster: hall\n    omni.sidero.dev/cluster-machine: 0b6d2f4e-1a3c-4d5e-8f70-9a1b2c3d4e5f\n', kubelet),
    resource('403-other', '    omni.sidero.dev/cluster: yard\n', 'cluster:\n  apiServer:\n    image: registry.yard.example/kube-apiserver:v1.36.2\n'),
  ].join('---\n');
  const { raws, diagnostics } = await scan({ 'omni/cluster-template.yaml': template([]).replace('patches:\n', ''), 'omni/config-patches.yaml': patches });
  expect(diagnostics).toEqual([]);
  expect(raws.filter((r) => r.startsWith('omni/cluster-template.yaml'))).toEqual([
    'omni/cluster-template.yaml ghcr.io/siderolabs/kubelet:v1.36.2',
    'omni/cluster-template.yaml registry.k8s.io/kube-apiserver:v1.36.2',
    'omni/cluster-template.yaml registry.k8s.io/kube-controller-manager:v1.36.2',
  ]);
});
