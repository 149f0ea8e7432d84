import { loadConfig } from '../../config/load.js';
import { MemorySource } from '../../sources/memory.js';
import { scanSource } from '../../engine/scan.js';
import { runRules } from '../run.js';

const harborValues = [
  'apiVersion: helm.toolkit.fluxcd.io/v2',
  'kind: HelmRelease',
  'metadata: {name: harbor, namespace: registry}',
  'spec:',
  '  chart: {spec: {chart: harbor, version: 1.16.2, sourceRef: {kind: HelmRepository, name: harbor}}}',
  '  values:',
  '    externalURL: https://harbor.home.example',
  '    expose:',
  '      type: ingress',
  '      ingress: {hosts: {core: harbor.home.example}}',
  '    core:',
  '      image: {repository: harbor.home.example/dockerhub/goharbor/harbor-core, tag: v2.12.2}',
  '',
].join('\n');

const ingress = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: zot}\nspec:\n  rules:\n    - host: zot.lan.example\n      http:\n        paths:\n          - path: /\n            backend: {service: {name: zot, port: {number: 5000}}}\n';
const zotPod = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: zot}\nspec:\n  template:\n    spec:\n      containers:\n        - name: zot\n          image: zot.lan.example/ghcr/project-zot/zot-linux-amd64:v2.1.2\n';
const other = 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: harbor.home.example/dockerhub/library/nginx:1.27\n';

async function selfPulls(files: Record<string, string>, config = ''): Promise<string[]> {
  const inventory = await scanSource(new MemorySource(files));
  const loaded = loadConfig(config);
  if (!loaded.ok) throw new Error('bad config');
  return runRules({ inventory, config: loaded.config }).filter((f) => f.ruleId === 'registry-self-pull').map((f) => `${f.file}:${f.span.start.line}:${f.span.start.col} ${f.message}`);
}

test('a registry that pulls its own images by its own host name: Harbor externalURL, an Ingress to the registry, inClusterRegistryHosts', async () => {
  expect(await selfPulls({ 'registry/harbor.yaml': harborValues, 'web/pod.yaml': other })).toEqual([
    'registry/harbor.yaml:12:27 `harbor.home.example/dockerhub/goharbor/harbor-core:v2.12.2` is part of the in-cluster registry, but it is pulled from harbor.home.example, which is that registry itself (Harbor externalURL, registry/harbor.yaml:7): when the registry pod restarts, no node can pull the registry\'s own image.',
  ]);
  expect(await selfPulls({ 'zot/ingress.yaml': ingress, 'zot/sts.yaml': zotPod })).toEqual([
    'zot/sts.yaml:9:18 `zot.lan.example/ghcr/project-zot/zot-linux-amd64:v2.1.2` is part of the in-cluster registry, but it is pulled from zot.lan.example, which is that registry itself (Ingress to zot, zot/ingress.yaml:6): when the registry pod restarts, no node can pull the registry\'s own image.',
  ]);
  expect(await selfPulls({ 'zot/sts.yaml': zotPod })).toEqual([]);
  expect(await selfPulls({ 'zot/sts.yaml': zotPod }, 'inClusterRegistryHosts: [zot.lan.example]\n')).toEqual([
    'zot/sts.yaml:9:18 `zot.lan.example/ghcr/project-zot/zot-linux-amd64:v2.1.2` is part of the in-cluster registry, but it is pulled from zot.lan.example, which is that registry itself (inClusterRegistryHosts): when the registry pod restarts, no node can pull the registry\'s own image.',
  ]);
});
