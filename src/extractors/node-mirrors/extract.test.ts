import { readFileSync } from 'node:fs';
import { extractFixture, at } from '../../../test/helpers/summary.js';
import { extractFile } from '../index.js';

const here = new URL('.', import.meta.url);

test('Talos mirrors (v1alpha1 and RegistryMirrorConfig) as topology, and Talos images as occurrences', () => {
  const { result, text, occurrences } = extractFixture(here, 'talos.yaml', 'talos/worker.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(result.formats.sort()).toEqual(['crd', 'node-mirrors']);
  expect(result.mirrors.map((m) => ({ host: m.host, skipFallback: m.skipFallback, endpoints: m.endpoints.map((e) => [at(text, e.span), e.overridePath]) }))).toEqual([
    { host: 'docker.io', skipFallback: true, endpoints: [['10:13-10:61 http://harbor.registry.svc:80/v2/proxy-docker.io', true]] },
    { host: 'ghcr.io', skipFallback: undefined, endpoints: [['15:13-15:47 https://harbor.example.com/v2/ghcr', true], ['16:13-16:28 https://ghcr.io', true]] },
    { host: 'quay.io', skipFallback: undefined, endpoints: [['26:10-26:44 https://harbor.example.com/v2/quay', true]] },
  ]);
  expect(occurrences.map((o) => [o.ref, o.path, o.workload])).toEqual([
    ['ghcr.io/siderolabs/kubelet:v1.31.2', 'machine.kubelet.image', 'TalosMachineConfig'],
    ['registry.k8s.io/kube-proxy:v1.31.2', 'cluster.proxy.image', 'TalosMachineConfig'],
  ]);
});

test('containerd hosts.toml: host from its directory, endpoints in order, server as the fallback', () => {
  const path = 'certs.d/docker.io/hosts.toml';
  const text = readFileSync(new URL(`__fixtures__/${path}`, here), 'utf8');
  const result = extractFile(`nodes/${path}`, text);
  expect(result.mirrors).toEqual([
    expect.objectContaining({
      source: 'containerd', host: 'docker.io', server: 'https://registry-1.docker.io',
      endpoints: [
        { url: 'https://mirror.example.com/v2/dockerhub', overridePath: true, span: expect.objectContaining({ start: expect.objectContaining({ line: 4 }) }) },
        { url: 'https://docker.io/v2', span: expect.objectContaining({ start: expect.objectContaining({ line: 8 }) }) },
      ],
    }),
  ]);
});

test('invalid TOML is a diagnostic with its line', () => {
  const result = extractFile('certs.d/quay.io/hosts.toml', 'server = "https://quay.io"\n[host."x"\n');
  expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'invalid-toml', line: 2 })]);
  expect(result.mirrors).toEqual([]);
});
