import { extractFixture } from '../../../test/helpers/summary.js';
import { extractFile } from '../index.js';

const here = new URL('.', import.meta.url);

test('Talos cluster.inlineManifests: a workload in the contents string is read as Kubernetes, at its line in the file', () => {
  const { occurrences, result } = extractFixture(here, 'inline-manifests.yaml', 'talos/patches/bootstrap.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(occurrences).toEqual([
    {
      ref: 'registry.example.org/ops/seeder:2.4.0', shape: 'string', path: 'spec.template.spec.containers[0].image', workload: 'Job seed-registry seed',
      parts: { image: '21:26-21:63 registry.example.org/ops/seeder:2.4.0', repository: '21:26-21:57 registry.example.org/ops/seeder', tag: '21:58-21:63 2.4.0' },
    },
  ]);
});

test('the same in a machine config (crd reader); broken contents are a diagnostic on their line, never a throw', () => {
  const config = `version: v1alpha1\nmachine:\n  type: controlplane\n${'cluster:\n  inlineManifests:\n    - name: x\n      contents: |\n        apiVersion: apps/v1\n        kind: Deployment\n        metadata: {name: web}\n        spec:\n          template:\n            spec:\n              containers: [{name: web, image: "nginx:1.29"}]\n'}`;
  expect(extractFile('talos/controlplane.yaml', config).occurrences.map((o) => [o.raw, o.format, o.parts.image?.span.start.line])).toEqual([['nginx:1.29', 'kubernetes', 14]]);
  const broken = extractFile('talos/patch.yaml', 'cluster:\n  inlineManifests:\n    - name: x\n      contents: |\n        kind: [\n');
  expect(broken.occurrences).toEqual([]);
  // Where the parser finds the unclosed list: the end of the string, the file's last line.
  expect(broken.diagnostics.map((d) => [d.code, d.line])).toEqual([['invalid-yaml', 6]]);
});
