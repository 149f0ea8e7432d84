import { extractFile } from '../index.js';

const release = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: radio
  namespace: music
spec:
  chart:
    spec:
      chart: radio
      version: 1.4.0
  valuesFrom:
    - kind: ConfigMap
      name: radio-values
    - kind: Secret
      name: radio-secret
      valuesKey: tag
      targetPath: image.tag
      optional: true
    - kind: ConfigMap
    - name: [not, a, name]
    - 17
  values:
    image:
      tag: 2.0.1
`;

test('a HelmRelease records its valuesFrom entries in order, defaults filled, broken entries left out', () => {
  const result = extractFile('apps/radio/helmrelease.yaml', release);
  expect(result.diagnostics).toEqual([]);
  expect(result.layers).toEqual([{
    kind: 'flux-helm-release', file: 'apps/radio/helmrelease.yaml', document: 0, line: 1, name: 'radio', namespace: 'music',
    owner: { kind: 'HelmRelease', name: 'radio', namespace: 'music', chart: 'radio', version: '1.4.0' },
    valuesFrom: [
      { kind: 'ConfigMap', name: 'radio-values', valuesKey: 'values.yaml', optional: false, line: 12 },
      { kind: 'Secret', name: 'radio-secret', valuesKey: 'tag', targetPath: 'image.tag', optional: true, line: 14 },
    ],
    inline: { 'image.tag': { value: '2.0.1', line: 24, path: ['spec', 'values', 'image', 'tag'] } },
  }, {
    // What a patch target selects the release by; a release with a chart is no patch, so its values are not kept twice.
    kind: 'object-meta', file: 'apps/radio/helmrelease.yaml',
    objects: [{ document: 0, base: [], apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', name: 'radio', namespace: 'music', valuesFrom: true, chartValues: true }],
  }]);
});

const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: radio-values
data:
  values.yaml: |
    image:
      repository: ghcr.io/example/radio
      tag: 1.9.0
  notes.txt: "image: not/read:1.0"
  broken-values.yaml: |
    image: [unclosed
`;

test('a ConfigMap holding a values file: its images at their lines in the block string, its leaves recorded; broken YAML is a diagnostic (at the end of its block, where the flow was to close)', () => {
  const result = extractFile('apps/radio/values-cm.yaml', configMap);
  expect(result.occurrences.map((o) => [o.format, o.raw, o.path.join('.'), o.parts.tag?.span.start.line])).toEqual([
    ['helm-values', 'ghcr.io/example/radio:1.9.0', 'data.values.yaml.image', 9],
  ]);
  expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([['invalid-yaml', 13]]);
  const layer = result.layers?.find((l) => l.kind === 'config-data');
  expect(layer && layer.kind === 'config-data' && layer.values).toEqual({
    'values.yaml': {
      'image.repository': { value: 'ghcr.io/example/radio', line: 8, path: ['data', 'values.yaml', 'image', 'repository'] },
      'image.tag': { value: '1.9.0', line: 9, path: ['data', 'values.yaml', 'image', 'tag'] },
    },
  });
});

const kustomization = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: music
configMapGenerator:
  - name: radio-values
    files:
      - values.yaml=helm/values.yaml
      - ./extra-values.yaml
      - =nothing
    literals:
      - tag=2.0.2
      - no-equals-sign
    options:
      disableNameSuffixHash: true
  - files: [values.yaml]
  - "just text"
`;

test('a configMapGenerator: keys of files (key=path or the base name) and literals; entries without a name are left out', () => {
  const layer = extractFile('apps/radio/kustomization.yaml', kustomization).layers?.[0];
  expect(layer?.kind === 'kustomization' && layer.configMaps).toEqual([{
    name: 'radio-values', namespace: 'music', line: 5, unhashed: true, configurations: false,
    files: {
      'values.yaml': { value: 'helm/values.yaml', line: 7, path: ['configMapGenerator', 0, 'files', 0] },
      'extra-values.yaml': { value: './extra-values.yaml', line: 8, path: ['configMapGenerator', 0, 'files', 1] },
    },
    literals: { tag: { value: '2.0.2', line: 11, path: ['configMapGenerator', 0, 'literals', 0] } },
  }]);
});
