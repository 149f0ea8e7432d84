import { extractFixture } from '../../../test/helpers/summary.js';

const here = new URL('.', import.meta.url);
const brief = (occurrences: Record<string, unknown>[]): unknown[] => occurrences.map((o) => [o.ref, o.path, o.workload]);

test("talhelper's older inlinePatch and configPatches: the images they set are reported, and the kube-proxy they disable is not", () => {
  const { occurrences, result } = extractFixture(here, 'talconfig-legacy.yaml', 'talos/talconfig.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(brief(occurrences)).toEqual([
    ['ghcr.io/siderolabs/installer:v1.4.2', 'talosVersion', 'TalosNode attic-cp, attic-w'],
    // The node patch sets attic-cp's kubelet and the group patch its scheduler; neither is implied for it, nor kube-proxy.
    ['registry.k8s.io/kube-apiserver:v1.27.1', 'kubernetesVersion', 'TalosNode attic-cp'],
    ['registry.k8s.io/kube-controller-manager:v1.27.1', 'kubernetesVersion', 'TalosNode attic-cp'],
    ['ghcr.io/siderolabs/kubelet:v1.27.1', 'kubernetesVersion', 'TalosNode attic-w'],
    ['registry.attic.example/kubelet:v1.27.1-patched', 'nodes[0].configPatches[0].value', 'TalosMachineConfig'],
    ['registry.attic.example/kube-scheduler:v1.27.1', 'controlPlane.inlinePatch.cluster.scheduler.image', 'TalosMachineConfig'],
    ['ghcr.io/siderolabs/installer:v1.4.2-worker', 'worker.configPatches[0].value', 'TalosMachineConfig'],
  ]);
});

test('talhelper: each distinct schematic is its own installer, though the names print alike; an anchored schematic is one', () => {
  const { occurrences, result } = extractFixture(here, 'talconfig-schematics.yaml', 'talos/talconfig.yaml');
  expect(result.diagnostics).toEqual([]);
  const installers = occurrences.filter((o) => o.path === 'talosVersion');
  expect(brief(installers)).toEqual([
    ['factory.talos.dev/metal-installer/<schematic ID>:v1.11.3', 'talosVersion', 'TalosNode twin-1, twin-2, twin-copy'],
    ['factory.talos.dev/metal-installer/<schematic ID>:v1.11.3', 'talosVersion', 'TalosNode twin-store'],
  ]);
  expect(installers.map((o) => o.skip)).toEqual(['templated', 'templated']);
});
