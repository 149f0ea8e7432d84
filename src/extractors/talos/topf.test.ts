import { extractFixture } from '../../../test/helpers/summary.js';

const here = new URL('.', import.meta.url);

test('topf.yaml is read as topf, not as a talconfig: control planes by role, the Image Factory installer, notes that name topf', () => {
  const { occurrences, result } = extractFixture(here, 'topf-cluster.yaml', 'talos/topf.yaml');
  expect(result.formats).toEqual(['talos']);
  const all = 'cp-1, cp-2, cp-3, work-1, work-2';
  const k8s = (repository: string, field: string, hosts: string) => ({
    ref: `${repository}:v1.36.0`, shape: 'implied', path: 'kubernetesVersion', workload: `TalosNode ${hosts}`,
    notes: [`topf writes ${repository}:v1.36.0 as ${field}: the Talos generator's image at kubernetesVersion`], parts: { tag: '6:20-6:27 v1.36.0' },
  });
  expect(occurrences).toEqual([
    {
      ref: 'factory.talos.dev/metal-installer-secureboot/<schematic ID>:v1.13.0', shape: 'implied', path: 'talosVersion', workload: `TalosNode ${all}`, skip: 'templated',
      notes: ['topf writes factory.talos.dev/metal-installer-secureboot/<schematic ID>:v1.13.0 as machine.install.image: the Image Factory installer it generates from talosVersion, schematicId, secureboot (a patch that sets machine.install.image replaces it)'],
      parts: { tag: '4:15-4:22 v1.13.0' },
    },
    k8s('ghcr.io/siderolabs/kubelet', 'machine.kubelet.image', all),
    k8s('registry.k8s.io/kube-apiserver', 'cluster.apiServer.image', 'cp-1, cp-2, cp-3'),
    k8s('registry.k8s.io/kube-controller-manager', 'cluster.controllerManager.image', 'cp-1, cp-2, cp-3'),
    k8s('registry.k8s.io/kube-scheduler', 'cluster.scheduler.image', 'cp-1, cp-2, cp-3'),
    k8s('registry.k8s.io/kube-proxy', 'cluster.proxy.image', 'cp-1, cp-2, cp-3'),
  ]);
  // Read alone, the patch folders are not known: said, and kube-proxy is kept (it may be disabled there).
  expect(result.diagnostics.map((d) => d.message)).toEqual([
    "topf's patch folders (all/, control-plane/, worker/, node/<host>/) were not read with this file (the scan read it without them), so the images they set, an installer they pin, or a kube-proxy they disable are not known",
  ]);
});

test('topf per-node settings: a node schematic file, a literal schematic ID, platform, secureboot, a bare version', () => {
  const { occurrences } = extractFixture(here, 'topf-single.yaml', 'cluster/topf.yaml');
  const installers = occurrences.filter((o) => o.path === 'talosVersion');
  expect(installers.map((o) => [o.ref, o.workload, o.skip])).toEqual([
    ['factory.talos.dev/metal-installer-secureboot/<schematic ID>:v1.14.0', 'TalosNode solo-1', 'templated'],
    ['factory.talos.dev/nocloud-installer/0b6e1d6c1a6f2e4a8b0e7d9c3f5a1b2c4d6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a:v1.14.0', 'TalosNode edge-1', undefined],
  ]);
  const { result } = extractFixture(here, 'topf-single.yaml', 'cluster/topf.yaml');
  const detail = result.occurrences.find((o) => o.skipReason === 'templated')?.skipDetail;
  expect(detail).toBe('topf computes the schematic ID from the schematic file schematics/solo-1.yaml, which imagepin does not do');
  expect(occurrences.filter((o) => o.path === 'kubernetesVersion').map((o) => [o.ref, o.workload])).toEqual([
    ['ghcr.io/siderolabs/kubelet:v1.37.0', 'TalosNode solo-1, edge-1'],
    ['registry.k8s.io/kube-apiserver:v1.37.0', 'TalosNode solo-1'],
    ['registry.k8s.io/kube-controller-manager:v1.37.0', 'TalosNode solo-1'],
    ['registry.k8s.io/kube-scheduler:v1.37.0', 'TalosNode solo-1'],
    ['registry.k8s.io/kube-proxy:v1.37.0', 'TalosNode solo-1'],
  ]);
});

test('a talconfig-shaped file (hostname, controlPlane) stays talhelper even with clusterName and nodes', () => {
  const { occurrences } = extractFixture(here, 'talconfig-kubernetes.yaml', 'talos/cluster.yaml');
  expect(occurrences.some((o) => String(o.notes).includes('talhelper writes'))).toBe(true);
  expect(occurrences.some((o) => String(o.notes).includes('topf'))).toBe(false);
});
