import { at, extractFixture } from '../../../test/helpers/summary.js';
import { extractFile } from '../index.js';

const here = new URL('.', import.meta.url);

const mirrorsOf = (text: string, result: ReturnType<typeof extractFile>): unknown[] =>
  result.mirrors.map((m) => ({ host: m.host, path: m.path.join('.'), skipFallback: m.skipFallback, endpoints: m.endpoints.map((e) => [at(text, e.span), e.overridePath]) }));

test('a strategic-merge patch (machine: at the top, no version) is Talos config: images and mirrors', () => {
  const { occurrences, result, text } = extractFixture(here, 'mirrors-patch.yaml', 'talos/patches/mirrors.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(result.formats.sort()).toEqual(['crd', 'node-mirrors']);
  expect(mirrorsOf(text, result)).toEqual([
    { host: 'ghcr.io', path: 'machine.registries.mirrors.ghcr.io', skipFallback: true, endpoints: [['7:13-7:50 https://registry.home.example/v2/ghcr', true]] },
  ]);
  expect(occurrences).toEqual([
    {
      ref: 'ghcr.io/siderolabs/kubelet:v1.32.4', shape: 'string', path: 'machine.kubelet.image', workload: 'TalosMachineConfig',
      parts: { image: '11:12-11:46 ghcr.io/siderolabs/kubelet:v1.32.4', repository: '11:12-11:38 ghcr.io/siderolabs/kubelet', tag: '11:39-11:46 v1.32.4' },
    },
  ]);
});

test('talhelper: inline patches (YAML strings) with file positions, and the installer each node gets from talosVersion', () => {
  const { occurrences, result, text } = extractFixture(here, 'talconfig.yaml', 'cluster/talconfig.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(result.formats).toEqual(['talos']);
  expect(mirrorsOf(text, result)).toEqual([
    { host: 'docker.io', path: 'patches.0.machine.registries.mirrors.docker.io', skipFallback: undefined, endpoints: [['30:17-30:45 http://zot.registry.svc:5000', true]] },
  ]);
  const k8s = (repository: string, field: string, hosts: string) => ({
    ref: `${repository}:v1.32.4`, shape: 'implied', path: 'kubernetesVersion', workload: `TalosNode ${hosts}`,
    notes: [`talhelper writes ${repository}:v1.32.4 as ${field}: the generator's image at kubernetesVersion`], parts: { tag: '3:20-3:27 v1.32.4' },
  });
  expect(occurrences.filter((o) => o.path === 'kubernetesVersion')).toEqual([
    k8s('ghcr.io/siderolabs/kubelet', 'machine.kubelet.image', 'cp-a, cp-b, gpu-1, edge-1'),
    k8s('registry.k8s.io/kube-apiserver', 'cluster.apiServer.image', 'cp-a, cp-b'),
    k8s('registry.k8s.io/kube-controller-manager', 'cluster.controllerManager.image', 'cp-a, cp-b'),
    k8s('registry.k8s.io/kube-scheduler', 'cluster.scheduler.image', 'cp-a, cp-b'),
    k8s('registry.k8s.io/kube-proxy', 'cluster.proxy.image', 'cp-a, cp-b'),
  ]);
  expect(occurrences.filter((o) => o.path !== 'kubernetesVersion')).toEqual([
    { ref: 'ghcr.io/siderolabs/installer:v1.9.5', shape: 'implied', path: 'talosVersion', workload: 'TalosNode cp-a, cp-b', notes: ['talhelper installs ghcr.io/siderolabs/installer:v1.9.5: its default installer at talosVersion'], parts: { tag: '2:15-2:21 v1.9.5' } },
    { ref: 'factory.talos.dev/metal-installer/<schematic ID>:v1.9.5', shape: 'implied', path: 'talosVersion', workload: 'TalosNode edge-1', skip: 'templated', notes: ['talhelper installs factory.talos.dev/metal-installer/<schematic ID>:v1.9.5: the Image Factory installer of its schematic at talosVersion'], parts: { tag: '2:15-2:21 v1.9.5' } },
    {
      ref: 'factory.talos.dev/installer/0a1b2c3d:v1.9.5', shape: 'implied', path: 'nodes[2].talosImageURL', workload: 'TalosNode gpu-1', notes: ['talhelper installs factory.talos.dev/installer/0a1b2c3d:v1.9.5: talosImageURL at talosVersion'],
      parts: { repository: '14:20-14:56 factory.talos.dev/installer/0a1b2c3d', tag: '2:15-2:21 v1.9.5' },
    },
    {
      ref: 'ghcr.io/siderolabs/installer:v1.9.5', shape: 'string', path: 'patches[1][0].value', workload: 'TalosMachineConfig',
      parts: { image: '35:14-35:49 ghcr.io/siderolabs/installer:v1.9.5', repository: '35:14-35:42 ghcr.io/siderolabs/installer', tag: '35:43-35:49 v1.9.5' },
    },
  ]);
});

test('talhelper: Kubernetes images from kubernetesVersion, except where a patch sets the image or disables kube-proxy', () => {
  const { occurrences, result } = extractFixture(here, 'talconfig-kubernetes.yaml', 'talos/talconfig.yaml');
  expect(result.diagnostics).toEqual([]);
  const implied = occurrences.filter((o) => o.path === 'kubernetesVersion').map((o) => [o.ref, o.workload, (o.parts as Record<string, string>).tag]);
  expect(implied).toEqual([
    ['ghcr.io/siderolabs/kubelet:v1.33.5', 'TalosNode brain-1, muscle-1', '3:21-3:27 1.33.5'],
    ['registry.k8s.io/kube-apiserver:v1.33.5', 'TalosNode brain-1, brain-2', '3:21-3:27 1.33.5'],
    ['registry.k8s.io/kube-controller-manager:v1.33.5', 'TalosNode brain-1, brain-2', '3:21-3:27 1.33.5'],
  ]);
  expect(occurrences.filter((o) => o.shape === 'string').map((o) => [o.ref, o.path])).toEqual([
    ['registry.workshop.example/kubelet:v1.33.5-patched', 'nodes[1].patches[0].machine.kubelet.image'],
    ['registry.workshop.example/kube-scheduler:v1.33.5', 'controlPlane.patches[1][0].value.image'],
  ]);
});

test('talhelper: a templated kubernetesVersion is reported as written, templated; no version, no Kubernetes images', () => {
  const templated = extractFile('talconfig.yaml', 'clusterName: c\nkubernetesVersion: ${K8S_VERSION}\nnodes:\n  - hostname: w1\n    controlPlane: false\n').occurrences;
  expect(templated.map((o) => [o.raw, o.skipReason, o.reference])).toEqual([['ghcr.io/siderolabs/kubelet:${K8S_VERSION}', 'templated', undefined]]);
  const none = extractFile('talconfig.yaml', 'clusterName: c\nnodes:\n  - hostname: w1\n    controlPlane: true\n').occurrences;
  expect(none.filter((o) => o.path[0] === 'kubernetesVersion')).toEqual([]);
});

test("talhelper: an Image Factory installer is named by machineSpec (mode, secureboot; a node's key over its group's) and imageFactory.registryURL", () => {
  const { occurrences, result } = extractFixture(here, 'talconfig-factory.yaml', 'talos/talconfig.yaml');
  expect(result.diagnostics).toEqual([]);
  const installer = (raw: string, hosts: string) => ({
    ref: `${raw}:v1.12.2`, shape: 'implied', path: 'talosVersion', workload: `TalosNode ${hosts}`, skip: 'templated',
    notes: [`talhelper installs ${raw}:v1.12.2: the Image Factory installer of its schematic at talosVersion`], parts: { tag: '3:15-3:22 v1.12.2' },
  });
  expect(occurrences).toEqual([
    installer('talos-factory.rack.example/metal-installer-secureboot/<schematic ID>', 'rack-1'),
    installer('talos-factory.rack.example/nocloud-installer-secureboot/<schematic ID>', 'rack-2'),
    installer('talos-factory.rack.example/nocloud-installer/<schematic ID>', 'vm-1'),
  ]);
  const detail = result.occurrences[0]?.skipDetail;
  expect(detail).toContain('which imagepin does not do');
  expect(detail).toContain('releases before it wrote talos-factory.rack.example/installer/<schematic ID>');
});

test('talhelper: a custom imageFactory.installerURLTmpl is not rendered, and the installer says so', () => {
  const text = 'clusterName: c\ntalosVersion: v1.12.2\nimageFactory:\n  installerURLTmpl: "{{.RegistryURL}}/custom/{{.ID}}:{{.Version}}"\nnodes:\n  - hostname: n1\n    schematic: {customization: {}}\n';
  const [occ] = extractFile('talconfig.yaml', text).occurrences;
  expect(occ).toMatchObject({ raw: '<imageFactory.installerURLTmpl>:v1.12.2', shape: 'implied', skipReason: 'templated' });
  expect(occ?.skipDetail).toContain('imageFactory.installerURLTmpl');
  expect(occ?.reference).toBeUndefined();
});

test('Omni: cluster template inline patches and ConfigPatches data are Talos config (the images its versions imply: omni-implied.test.ts)', () => {
  const { occurrences, result, text } = extractFixture(here, 'omni-cluster.yaml', 'omni/office.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(mirrorsOf(text, result)).toEqual([
    { host: 'quay.io', path: 'patches.0.inline.machine.registries.mirrors.quay.io', skipFallback: undefined, endpoints: [['15:19-15:47 https://cache.office.example', undefined]] },
  ]);
  expect(occurrences.filter((o) => o.shape !== 'implied')).toEqual([
    {
      ref: 'ghcr.io/siderolabs/kubelet:v1.31.6', shape: 'string', path: 'spec.data.machine.kubelet.image', workload: 'TalosMachineConfig',
      parts: { image: '25:16-25:50 ghcr.io/siderolabs/kubelet:v1.31.6', repository: '25:16-25:42 ghcr.io/siderolabs/kubelet', tag: '25:43-25:50 v1.31.6' },
    },
  ]);
});

test('an RFC 6902 patch file: a mirror from its path, an image from its value', () => {
  const { occurrences, result, text } = extractFixture(here, 'json-patch.yaml', 'talos/patches/k8s-mirror.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(mirrorsOf(text, result)).toEqual([
    { host: 'registry.k8s.io', path: '0.value', skipFallback: undefined, endpoints: [['5:9-5:44 https://cache.office.example/v2/k8s', true]] },
  ]);
  expect(occurrences).toEqual([
    {
      ref: 'registry.k8s.io/kube-proxy:v1.31.6', shape: 'string', path: '[1].value', workload: 'TalosMachineConfig',
      parts: { image: '9:10-9:44 registry.k8s.io/kube-proxy:v1.31.6', repository: '9:10-9:36 registry.k8s.io/kube-proxy', tag: '9:37-9:44 v1.31.6' },
    },
  ]);
});

test.each([
  ['a Helm values file with cluster:', 'charts/cni/values.yaml', 'cluster:\n  name: lab\n  image: quay.io/acme/agent:1.0\n', ['helm-values']],
  ['a config with other keys beside cluster:', 'app/settings.yaml', 'cluster:\n  name: lab\nlogging: {level: info}\n', []],
  ['a version other than v1alpha1', 'x/config.yaml', 'version: 2\nmachine: {}\n', []],
])('not Talos: %s', (_name, file, text, formats) => {
  expect(extractFile(file, text).formats).toEqual(formats);
});
