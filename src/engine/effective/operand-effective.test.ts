import { MemorySource } from '../../sources/memory.js';
import { scanSource } from '../scan.js';
import type { Occurrence } from '../../model/occurrence.js';

// Images an operator is given in env or args are not container `image` fields: kustomize's images
// transformer and a strategic-merge patch of a container's image do not write them (decision 0053).

const deployment = [
  'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: flows}', 'spec:', '  template:', '    spec:', '      containers:',
  '        - name: controller', '          image: registry.example.net/flow/controller:v3.6.2',
  '          args: [--executor-image, registry.example.net/flow/exec:v3.6.2]',
  '          env:', '            - {name: A_IMAGE, value: registry.example.net/flow/a:1.0}', '            - {name: B_IMAGE, value: registry.example.net/flow/b:1.0}', '',
].join('\n');

const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: flows}\nspec:\n  template:\n    spec:\n      containers:\n        - name: controller\n          env:\n            - {name: A_IMAGE, value: registry.example.net/flow/a:2.0}\n';

const images = [
  'images:', '  - {name: registry.example.net/flow/controller, newTag: v3.7.0}', '  - {name: registry.example.net/flow/exec, newTag: v9.9.9}', '  - {name: registry.example.net/flow/b, newTag: "9.9"}',
].join('\n');

function effectiveOf(occurrences: Occurrence[], path: string): (string | undefined)[] | undefined {
  return occurrences.find((o) => o.file === 'base/deploy.yaml' && o.path.join('.') === path)?.effective?.map((e) => e.reference?.canonical ?? e.raw);
}

test('kustomize images rewrite the container image, not an argument or env value with the same name; an env patch does not rewrite the other env images', async () => {
  const files = {
    'base/deploy.yaml': deployment,
    'base/kustomization.yaml': 'resources: [deploy.yaml]\n',
    'prod/kustomization.yaml': `resources: [../base]\n${images}\npatches:\n  - path: env.yaml\n`,
    'prod/env.yaml': patch,
  };
  const { occurrences } = await scanSource(new MemorySource(files));
  const c = 'spec.template.spec.containers.0';
  expect(effectiveOf(occurrences, `${c}.image`)).toEqual(['registry.example.net/flow/controller:v3.7.0']);
  expect(occurrences.find((o) => o.path.join('.') === `${c}.args.1`)?.raw).toBe('registry.example.net/flow/exec:v3.6.2');
  expect(effectiveOf(occurrences, `${c}.args.1`)).toBeUndefined();
  expect(effectiveOf(occurrences, `${c}.env.0.value`)).toBeUndefined();
  expect(effectiveOf(occurrences, `${c}.env.1.value`)).toBeUndefined();
  // The patch's own env image is reported where it is written.
  expect(occurrences.filter((o) => o.file === 'prod/env.yaml').map((o) => o.reference?.canonical)).toEqual(['registry.example.net/flow/a:2.0']);
});
