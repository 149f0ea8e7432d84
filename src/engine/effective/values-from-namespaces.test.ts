import { MemorySource } from '../../sources/memory.js';
import { scanSource } from '../scan.js';

// HelmRelease valuesFrom looked up in the namespace Flux applies the release in (decision 0048).

const release = (namespace: string, entries: string): string => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: relay
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  valuesFrom:
${entries}`;
const entry = (name: string, extra = ''): string => `    - kind: ConfigMap\n      name: ${name}\n${extra}`;
const cm = (name: string, namespace: string, data: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}data:\n${data}`;
const flux = (path: string, targetNamespace: string): string => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: relay
  namespace: flux-system
spec:
  path: ${path}
  targetNamespace: ${targetNamespace}
`;
const valuesString = (tag: string): string => `  values.yaml: |\n    image:\n      repository: ghcr.io/example/relay\n      tag: ${tag}\n`;

/** What each HelmRelease entry of the first occurrence of ghcr.io/example/relay says runs, with the namespace when there are several. */
async function relayRuns(files: Record<string, string>, file: string): Promise<string[]> {
  const inventory = await scanSource(new MemorySource(files));
  expect(inventory.diagnostics).toEqual([]);
  const occ = inventory.occurrences.find((o) => o.file === file && o.raw.startsWith('ghcr.io/example/relay'));
  return (occ?.effective ?? []).filter((e) => e.for?.kind === 'flux-helm-release')
    .map((e) => `${e.for!.namespace ?? '-'} ${e.reference?.canonical ?? `${e.raw} unknown: ${e.unknown}`}`);
}

test('targetNamespace puts the release and its ConfigMap in one namespace, whatever they write', async () => {
  // Written apart (relay vs other): before, the ConfigMap was not found; the Flux Kustomization applies both in media.
  const files = {
    'clusters/main/relay.yaml': flux('./apps/relay', 'media'),
    'apps/relay/hr.yaml': release('relay', `${entry('relay-base')}${entry('relay-values')}`),
    'apps/relay/base.yaml': cm('relay-base', 'other', valuesString('1.0.0')),
    'apps/relay/values.yaml': cm('relay-values', 'other', '  values.yaml: |\n    image:\n      tag: 1.0.7\n'),
  };
  expect(await relayRuns(files, 'apps/relay/base.yaml')).toEqual(['- ghcr.io/example/relay:1.0.7']);
});

test('the ConfigMap of the applied namespace is read, not the one of the namespace the release writes', async () => {
  const files = {
    'clusters/prod/relay.yaml': flux('./apps/relay', 'prod'),
    'apps/relay/hr.yaml': release('media', `${entry('relay-base')}${entry('relay-values')}`),
    'apps/relay/values.yaml': 'image:\n  repository: ghcr.io/example/relay\n  tag: 1.0.0\n',
    'apps/relay/kustomization.yaml': 'kind: Kustomization\nresources: [hr.yaml]\ngeneratorOptions:\n  disableNameSuffixHash: true\nconfigMapGenerator:\n  - name: relay-base\n    files: [values.yaml]\n',
    // Two manifests no kustomization builds: each stays in the namespace it writes.
    'settings/media.yaml': cm('relay-values', 'media', '  values.yaml: |\n    image:\n      tag: 1.1.0\n'),
    'settings/prod.yaml': cm('relay-values', 'prod', '  values.yaml: |\n    image:\n      tag: 1.2.0\n'),
  };
  expect(await relayRuns(files, 'apps/relay/values.yaml')).toEqual(['- ghcr.io/example/relay:1.2.0']);
  // Without the Flux Kustomization, the release is where it is written.
  const unbuilt = Object.fromEntries(Object.entries(files).filter(([path]) => !path.startsWith('clusters/')));
  expect(await relayRuns(unbuilt, 'apps/relay/values.yaml')).toEqual(['- ghcr.io/example/relay:1.1.0']);
});

test('a base built by two overlays: the release reads valuesFrom in each overlay\'s namespace, and says where a ConfigMap is missing', async () => {
  const files = {
    'base/hr.yaml': release('', `${entry('relay-values')}${entry('relay-pin', '      valuesKey: tag\n      targetPath: image.tag\n')}`),
    'base/values.yaml': 'image:\n  repository: ghcr.io/example/relay\n  tag: 1.0.0\n',
    'base/kustomization.yaml': 'kind: Kustomization\nresources: [hr.yaml]\nconfigMapGenerator:\n  - name: relay-values\n    namespace: written\n    files: [values.yaml]\n    options:\n      disableNameSuffixHash: true\n',
    'overlays/a/kustomization.yaml': 'kind: Kustomization\nnamespace: team-a\nresources: [../../base, pin.yaml]\n',
    'overlays/a/pin.yaml': cm('relay-pin', '', '  tag: 1.0.3\n'),
    'overlays/b/kustomization.yaml': 'kind: Kustomization\nnamespace: team-b\nresources: [../../base]\n',
  };
  expect(await relayRuns(files, 'base/values.yaml')).toEqual([
    'team-a ghcr.io/example/relay:1.0.3',
    'team-b ghcr.io/example/relay:1.0.0 unknown: ConfigMap relay-pin (valuesFrom of base/hr.yaml line 9) is neither a ConfigMap manifest nor a configMapGenerator entry of the tree'
      + " in the release's namespace team-b (namespace: of overlays/b/kustomization.yaml); the tree has it only at overlays/a/pin.yaml in namespace team-a (namespace: of overlays/a/kustomization.yaml); the effective image may differ",
  ]);
});
