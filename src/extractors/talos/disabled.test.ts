import { readFileSync } from 'node:fs';
import { extractFixture } from '../../../test/helpers/summary.js';
import { extractFile } from '../index.js';

const here = new URL('.', import.meta.url);
const refs = (occurrences: { ref?: unknown; path?: unknown; workload?: unknown }[]): unknown[] => occurrences.map((o) => [o.ref, o.path, o.workload]);

test('a machine config: a disabled kube-proxy or CoreDNS deploys nothing, so the image it still names is not reported', () => {
  const { occurrences, result } = extractFixture(here, 'machine-config-disabled.yaml', 'talos/controlplane.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(refs(occurrences)).toEqual([
    ['ghcr.io/siderolabs/kubelet:v1.35.2', 'machine.kubelet.image', 'TalosMachineConfig'],
    ['registry.k8s.io/kube-apiserver:v1.35.2', 'cluster.apiServer.image', 'TalosMachineConfig'],
  ]);
});

test('the same config with `disabled: false`: the kube-proxy and CoreDNS images are reported', () => {
  const text = readFileSync(new URL('__fixtures__/machine-config-disabled.yaml', here), 'utf8').replaceAll('disabled: true', 'disabled: false');
  const result = extractFile('talos/controlplane.yaml', text);
  expect(result.occurrences.map((o) => [o.raw, o.path.join('.'), o.parts.image?.span.start.line])).toEqual([
    ['ghcr.io/siderolabs/kubelet:v1.35.2', 'machine.kubelet.image', 5],
    ['registry.k8s.io/kube-apiserver:v1.35.2', 'cluster.apiServer.image', 8],
    ['registry.k8s.io/kube-proxy:v1.35.2', 'cluster.proxy.image', 12],
    ['registry.k8s.io/coredns/coredns:v1.12.4', 'cluster.coreDNS.image', 15],
  ]);
});

test('an Omni patch that disables kube-proxy: its image is left out, the scheduler image beside it is reported', () => {
  const { occurrences, result } = extractFixture(here, 'omni-disabled-proxy.yaml', 'omni/cluster.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(refs(occurrences)).toEqual([['registry.k8s.io/kube-scheduler:v1.35.2', 'patches[0].inline.cluster.scheduler.image', 'TalosMachineConfig']]);
});

test('a Talos ImageVerificationConfig names image patterns to verify, not images to run: nothing is reported', () => {
  const text = 'apiVersion: v1alpha1\nkind: ImageVerificationConfig\nrules:\n  - image: "registry.example.org/platform/*"\n    keyless:\n      issuer: https://issuer.example.org\n';
  const result = extractFile('talos/patches/verify.yaml', text);
  expect(result.occurrences).toEqual([]);
  expect(result.diagnostics).toEqual([]);
});
