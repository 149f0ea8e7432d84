import { extractFixture } from '../../../test/helpers/summary.js';

test('Helm values: an env entry naming an image (RELATED_IMAGE_*) is an occurrence; other env entries and a bare word are not', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'operator-env-values.yaml', 'values.yaml');
  expect(result.diagnostics).toEqual([]);
  expect(occurrences).toEqual([
    { ref: 'quay.example.org/team/dashboard-operator:v4.0.2', shape: 'fields', path: 'image', parts: { repository: '3:9-3:49 quay.example.org/team/dashboard-operator', tag: '4:8-4:14 v4.0.2' } },
    {
      ref: 'quay.example.org/team/dashboard:v4.0.2', shape: 'string', path: 'env[0].value',
      notes: ['an image the workload is given in its environment (RELATED_IMAGE_dashboard_default), as operators are told which images to run'],
      parts: { image: '7:12-7:50 quay.example.org/team/dashboard:v4.0.2', repository: '7:12-7:43 quay.example.org/team/dashboard', tag: '7:44-7:50 v4.0.2' },
    },
  ]);
});

test('a values file whose first key is `kind` (no apiVersion) is still Helm values', () => {
  const { occurrences, result } = extractFixture(new URL('.', import.meta.url), 'kind-values.yaml', 'apps/rebalancer/values.yaml');
  expect(result.formats).toEqual(['helm-values']);
  expect(occurrences).toEqual([
    { ref: 'registry.example.org/ops/rebalancer:v0.31.0', shape: 'fields', path: 'image', parts: { repository: '5:15-5:50 registry.example.org/ops/rebalancer', tag: '6:8-6:15 v0.31.0' } },
  ]);
});
