import { extractFile } from '../index.js';

const text = [
  'apiVersion: kustomize.config.k8s.io/v1beta1', // 1
  'kind: Kustomization',
  'patchesStrategicMerge:',
  '  - |-',
  '    apiVersion: batch/v1', // 5
  '    kind: CronJob',
  '    metadata: {name: backup}',
  '    spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: dump, image: "ghcr.io/example/dump:2.1"}]}}}}}',
  'patchesJson6902:',
  '  - target: {kind: Deployment, name: web}', // 10
  '    patch: |',
  '      - op: add',
  '        path: /spec/template/spec/containers/-',
  '        value:',
  '          name: proxy', // 15
  '          image: docker.io/library/envoy:1.31',
  '      - op: replace',
  '        path: /spec/template/spec/initContainers/0',
  '        value: {name: wait, image: "docker.io/library/busybox:1.37"}',
  '      - op: remove', // 20
  '        path: /spec/template/spec/containers/0/image',
  '',
].join('\n');

test('patch images in a kustomization: legacy fields, container maps and appends, at their lines and columns', () => {
  const result = extractFile('apps/web/kustomization.yaml', text);
  expect(result.diagnostics).toEqual([]);
  expect(result.occurrences.map((o) => [o.raw, o.parts.image?.span.start.line, o.parts.image?.span.start.col, o.path.join('.'), o.workload?.kind ?? '-'])).toEqual([
    ['ghcr.io/example/dump:2.1', 8, 85, 'patchesStrategicMerge.0.spec.jobTemplate.spec.template.spec.containers.0.image', 'CronJob'],
    ['docker.io/library/envoy:1.31', 16, 18, 'patchesJson6902.0.patch.0.value.image', '-'],
    ['docker.io/library/busybox:1.37', 19, 37, 'patchesJson6902.0.patch.1.value.image', '-'],
  ]);
  const layer = result.layers?.[0];
  expect(layer?.kind === 'kustomization' ? layer.patches?.map((p) => [p.field, p.line, p.sets.map((s) => s.pointer?.join('/') ?? `${s.kind} ${s.name} ${s.list} ${s.container}`)]) : layer).toEqual([
    ['patchesStrategicMerge', 4, ['CronJob backup containers dump']],
    // The append names no index, so it overrides no base container; the initContainers map does.
    ['patchesJson6902', 10, ['undefined undefined undefined proxy', 'spec/template/spec/initContainers/0/image']],
  ]);
});
