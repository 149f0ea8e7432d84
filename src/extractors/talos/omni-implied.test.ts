import { extractFixture } from '../../../test/helpers/summary.js';
import { extractFile } from '../index.js';

const here = new URL('.', import.meta.url);

test('an Omni cluster template: the images its Kubernetes and Talos versions imply, less what its patches replace or disable', () => {
  const { occurrences, result } = extractFixture(here, 'omni-template.yaml', 'omni/workshop.yaml');
  expect(result.diagnostics).toEqual([]);
  const implied = (repository: string, field: string) => ({
    ref: `${repository}:v1.35.1`, shape: 'implied', path: 'kubernetes.version', workload: 'OmniCluster workshop',
    notes: [`Omni writes ${repository}:v1.35.1 as ${field}: the image of kubernetes.version`], parts: { tag: '5:12-5:18 1.35.1' },
  });
  expect(occurrences).toEqual([
    implied('ghcr.io/siderolabs/kubelet', 'machine.kubelet.image'),
    implied('registry.k8s.io/kube-apiserver', 'cluster.apiServer.image'),
    implied('registry.k8s.io/kube-controller-manager', 'cluster.controllerManager.image'),
    {
      ref: 'factory.talos.dev/installer/<schematic ID>:v1.12.3', shape: 'implied', path: 'talos.version', workload: 'OmniCluster workshop', skip: 'templated',
      notes: ['Omni installs factory.talos.dev/installer/<schematic ID>:v1.12.3: the Image Factory installer at talos.version'], parts: { tag: '7:12-7:19 v1.12.3' },
    },
    {
      ref: 'registry.example.net/k8s/kube-scheduler:v1.35.1-lab.2', shape: 'string', path: 'patches[1].inline.cluster.scheduler.image', workload: 'TalosMachineConfig',
      parts: {
        image: '29:18-29:71 registry.example.net/k8s/kube-scheduler:v1.35.1-lab.2',
        repository: '29:18-29:57 registry.example.net/k8s/kube-scheduler',
        tag: '29:58-29:71 v1.35.1-lab.2',
      },
    },
  ]);
  expect(result.occurrences.find((o) => o.path[0] === 'talos')?.skipDetail).toContain('whose ID imagepin does not compute');
});

test('a templated version stays templated; a Cluster without versions implies nothing; a broken other document does not throw', () => {
  const templated = extractFile('omni/t.yaml', 'kind: Cluster\nname: t\nkubernetes:\n  version: ${K8S_VERSION}\n');
  expect(templated.occurrences.map((o) => [o.raw, o.skipReason])).toEqual([
    ['ghcr.io/siderolabs/kubelet:${K8S_VERSION}', 'templated'],
    ['registry.k8s.io/kube-apiserver:${K8S_VERSION}', 'templated'],
    ['registry.k8s.io/kube-controller-manager:${K8S_VERSION}', 'templated'],
    ['registry.k8s.io/kube-scheduler:${K8S_VERSION}', 'templated'],
    ['registry.k8s.io/kube-proxy:${K8S_VERSION}', 'templated'],
  ]);
  expect(extractFile('omni/none.yaml', 'kind: Cluster\nname: none\n').occurrences).toEqual([]);
  const broken = extractFile('omni/b.yaml', 'kind: Cluster\nname: b\nkubernetes:\n  version: v1.35.1\n---\nkind: ControlPlane\npatches: [ {inline: "cluster: [" } ]\n');
  expect(broken.occurrences.map((o) => o.raw)).toContain('registry.k8s.io/kube-proxy:v1.35.1');
});
