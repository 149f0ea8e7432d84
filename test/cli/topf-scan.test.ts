import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compare, parseKey } from '../../scripts/fidelity/compare.js';
import { main } from '../../src/cli/main.js';

// Two topf trees of our own in the shape of fidelity round 12: a five-node cluster with a schematic
// file, secureboot and a templated control-plane patch that disables kube-proxy; a single node with
// its own schematic file (not in the tree) and Talos 1.14 documents that disable kube-proxy.
const CLUSTER: Record<string, string> = {
  'talos/topf.yaml': '# topf\nclusterName: home\nclusterEndpoint: https://10.1.0.5:6443\n# Talos\ntalosVersion: v1.13.7\n# Kubernetes\nkubernetesVersion: v1.36.3\nschematicId: "@schematic.yaml"\nsecureboot: true\nnodes:\n' + ['k8s-0', 'k8s-1', 'k8s-2'].map((h) => `  - host: ${h}\n    role: control-plane\n`).join('') + '  - host: k8s-3\n    role: worker\n',
  'talos/schematic.yaml': 'customization:\n  systemExtensions:\n    officialExtensions:\n      - siderolabs/intel-ucode\n',
  'talos/all/00-install.yaml': 'machine:\n  install:\n    disk: /dev/sda\n',
  'talos/control-plane/00-cluster.yaml.tpl': 'cluster:\n  clusterName: {{ .ClusterName }}\n  proxy:\n    disabled: true\n  coreDNS:\n    disabled: true\n',
};
const SINGLE: Record<string, string> = {
  'talos/topf.yaml': 'clusterName: lab\nclusterEndpoint: https://lab.example.net:6443\nfactory: factory.talos.dev\ntalosVersion: v1.14.2\nkubernetesVersion: v1.37.1\nnodes:\n  - host: k8s-0\n    role: control-plane\n    secureboot: true\n    schematicId: "@schematics/k8s-0.yaml"\n',
  'talos/all/10-machine.yaml': 'apiVersion: v1alpha1\nkind: KubeProxyConfig\nenabled: false\n---\napiVersion: v1alpha1\nkind: KubeCoreDNSConfig\nenabled: false\n',
};
const key = (talos: number, k8s: number, talosVersion: string, k8sVersion: string) =>
  [`talos/topf.yaml\t${talos}\tfactory.talos.dev/<installer>/<schematic ID>:${talosVersion}\tc\tinstaller`, ...['ghcr.io/siderolabs/kubelet', 'registry.k8s.io/kube-apiserver', 'registry.k8s.io/kube-controller-manager', 'registry.k8s.io/kube-scheduler'].map((r) => `talos/topf.yaml\t${k8s}\t${r}:${k8sVersion}\tc\timplied`)].join('\n');

async function scan(tree: Record<string, string>): Promise<{ occurrences: Parameters<typeof compare>[1]; diagnostics: unknown[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'imagepin-topf-'));
  for (const [file, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  let stdout = '';
  const code = await main(['scan', dir, '--offline', '--format', 'json'], { stdout: (t) => (stdout += t), stderr: () => undefined, isTTY: false }, {});
  rmSync(dir, { recursive: true, force: true });
  expect(code).not.toBe(2);
  return JSON.parse(stdout) as { occurrences: Parameters<typeof compare>[1]; diagnostics: unknown[] };
}

test.each([
  ['five nodes, a schematic file, a templated control-plane patch', CLUSTER, key(5, 7, 'v1.13.7', 'v1.36.3')],
  ['one node with its own schematic, Talos 1.14 documents', SINGLE, key(4, 5, 'v1.14.2', 'v1.37.1')],
])('imagepin scan of a topf tree (%s) finds what round 12 keys, and nothing else', async (_name, tree, keyText) => {
  const result = await scan(tree);
  const { found, missed, extra } = compare(parseKey(keyText), result.occurrences);
  expect({ found: found.length, missed, extra }).toEqual({ found: 5, missed: [], extra: [] });
  expect(result.diagnostics).toEqual([]);
});
