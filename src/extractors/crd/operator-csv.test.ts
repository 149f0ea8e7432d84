import { extractFixture } from '../../../test/helpers/summary.js';

test('an OLM ClusterServiceVersion: relatedImages, the deployment\'s image, an image flag and a RELATED_IMAGE_ env value, each at its characters', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'operator-csv.yaml', 'bundle/manifests/gauge-operator.clusterserviceversion.yaml');
  expect(result.diagnostics).toEqual([]);
  const c = 'spec.install.spec.deployments[0].spec.template.spec.containers[0]';
  expect(occurrences.map((o) => [o.path, o.ref, (o.parts as Record<string, string>).image, o.notes])).toEqual([
    ['spec.relatedImages[0].image', 'registry.example.net/gauge/gauge:2.3.0', '9:14-9:52 registry.example.net/gauge/gauge:2.3.0', undefined],
    [`${c}.image`, 'registry.example.net/gauge/operator:2.3.0', '20:28-20:69 registry.example.net/gauge/operator:2.3.0', undefined],
    [`${c}.args[1]`, 'registry.example.net/gauge/exporter:2.3.0', '23:42-23:83 registry.example.net/gauge/exporter:2.3.0',
      ['an image the container is given in its arguments (--exporter-image), as controllers are told which images to start']],
    [`${c}.env[0].value`, 'registry.example.net/gauge/gauge:2.3.0', '27:32-27:70 registry.example.net/gauge/gauge:2.3.0',
      ['an image the workload is given in its environment (RELATED_IMAGE_GAUGE), as operators are told which images to run']],
  ]);
});
