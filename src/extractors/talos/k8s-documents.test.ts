import { extractFixture } from '../../../test/helpers/summary.js';
import { extractFile } from '../index.js';
import { replacedFields } from './k8s-documents.js';

const here = new URL('.', import.meta.url);
const brief = (occurrences: Record<string, unknown>[]): unknown[] => occurrences.map((o) => [o.ref, o.path, (o.parts as Record<string, string>).image]);

test('a machine config with Talos 1.14 documents in the same file: a document replaces its v1alpha1 field, enabled: false runs nothing', () => {
  const { occurrences, result } = extractFixture(here, 'machine-config-documents.yaml', 'talos/controlplane.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(brief(occurrences)).toEqual([
    ['ghcr.io/siderolabs/kubelet:v1.36.1', 'machine.kubelet.image', '7:12-7:46 ghcr.io/siderolabs/kubelet:v1.36.1'],
    ['ghcr.io/siderolabs/installer:v1.14.0', 'machine.install.image', '9:12-9:48 ghcr.io/siderolabs/installer:v1.14.0'],
    ['registry.k8s.io/kube-apiserver:v1.36.1', 'cluster.apiServer.image', '12:12-12:50 registry.k8s.io/kube-apiserver:v1.36.1'],
    ['mirror.lab.example/k8s/kube-scheduler:v1.36.1-lab', 'image', '25:8-25:57 mirror.lab.example/k8s/kube-scheduler:v1.36.1-lab'],
  ]);
  expect(occurrences.map((o) => o.workload)).toEqual(Array(4).fill('TalosMachineConfig'));
});

test('a KubeletConfig with an image replaces machine.kubelet.image; without the documents every v1alpha1 image is reported', () => {
  const text = 'version: v1alpha1\nmachine:\n  kubelet:\n    image: ghcr.io/siderolabs/kubelet:v1.36.1\n---\napiVersion: v1alpha1\nkind: KubeletConfig\nimage: ghcr.io/siderolabs/kubelet:v1.36.2\n';
  expect(extractFile('talos/worker.yaml', text).occurrences.map((o) => [o.raw, o.document])).toEqual([['ghcr.io/siderolabs/kubelet:v1.36.2', 1]]);
  const alone = extractFile('talos/worker.yaml', text.slice(0, text.indexOf('---'))).occurrences;
  expect(alone.map((o) => o.raw)).toEqual(['ghcr.io/siderolabs/kubelet:v1.36.1']);
});

test('a document of another apiVersion, or text that does not parse, replaces nothing (never a throw)', () => {
  expect([...replacedFields('apiVersion: v1beta9\nkind: KubeProxyConfig\nenabled: false\n')]).toEqual([]);
  expect([...replacedFields('kind: KubeProxyConfig\n: [\n')]).toEqual([]);
  expect([...replacedFields('apiVersion: v1alpha1\nkind: KubeProxyConfig\nenabled: false\n')]).toEqual(['cluster.proxy']);
});

test('talhelper: an inline patch string with a KubeletConfig and a KubeProxyConfig document: both images stop being implied', () => {
  const patch = '    - |-\n      apiVersion: v1alpha1\n      kind: KubeletConfig\n      image: ghcr.io/siderolabs/kubelet:v1.36.1-rc\n      ---\n      apiVersion: v1alpha1\n      kind: KubeProxyConfig\n      enabled: false\n';
  const text = `clusterName: lab\nkubernetesVersion: v1.36.1\nnodes:\n  - hostname: cp-1\n    controlPlane: true\n    patches:\n${patch}`;
  const result = extractFile('talconfig.yaml', text);
  expect(result.diagnostics).toEqual([]);
  expect(result.occurrences.map((o) => [o.raw, o.shape, o.parts.image?.span.start.line])).toEqual([
    ['registry.k8s.io/kube-apiserver:v1.36.1', 'implied', undefined],
    ['registry.k8s.io/kube-controller-manager:v1.36.1', 'implied', undefined],
    ['registry.k8s.io/kube-scheduler:v1.36.1', 'implied', undefined],
    ['ghcr.io/siderolabs/kubelet:v1.36.1-rc', 'string', 10],
  ]);
});

test('Omni: a template inline patch with a KubeSchedulerConfig document (enabled: false) leaves the scheduler out', () => {
  const text = 'kind: Cluster\nname: lab\nkubernetes:\n  version: v1.36.1\npatches:\n  - name: no-scheduler\n    inline:\n      apiVersion: v1alpha1\n      kind: KubeSchedulerConfig\n      enabled: false\n';
  const raws = extractFile('omni/cluster.yaml', text).occurrences.map((o) => o.raw);
  expect(raws).toContain('registry.k8s.io/kube-proxy:v1.36.1');
  expect(raws).not.toContain('registry.k8s.io/kube-scheduler:v1.36.1');
});

test('a RegistryMirrorConfig document in a talhelper inline patch is a mirror, placed at the patch', () => {
  const text = 'clusterName: lab\npatches:\n  - |-\n    apiVersion: v1alpha1\n    kind: RegistryMirrorConfig\n    name: ghcr.io\n    endpoints:\n      - url: https://cache.lab.example\n    skipFallback: true\n';
  const { mirrors } = extractFile('talconfig.yaml', text);
  expect(mirrors.map((m) => [m.host, m.path.join('.'), m.skipFallback, m.endpoints.map((e) => [e.url, e.span.start.line, e.span.start.col])])).toEqual([
    ['ghcr.io', 'patches.0', true, [['https://cache.lab.example', 8, 14]]],
  ]);
});

test("a machine config's RegistryMirrorConfig replaces its v1alpha1 mirror of the same registry: only the document's mirror is read", () => {
  const text = [
    'version: v1alpha1', 'machine:', '  registries:', '    mirrors:', '      ghcr.io:', '        endpoints: [https://old.lab.example]', '        skipFallback: true',
    '      quay.io:', '        endpoints: [https://quay-cache.lab.example]', '---', 'apiVersion: v1alpha1', 'kind: RegistryMirrorConfig', 'name: ghcr.io', 'endpoints:', '  - url: https://new.lab.example', '',
  ].join('\n');
  const { mirrors } = extractFile('talos/worker.yaml', text);
  expect(mirrors.map((m) => [m.host, m.endpoints.map((e) => e.url), m.skipFallback, m.span.start.line])).toEqual([
    ['quay.io', ['https://quay-cache.lab.example'], undefined, 9],
    ['ghcr.io', ['https://new.lab.example'], undefined, 11],
  ]);
});
