import { scanSource } from '../../engine/scan.js';
import { MemorySource } from '../../sources/memory.js';
import { extractFile } from '../index.js';

// A CI runner released with app-template: its job pods' specs are files of a mounted ConfigMap.
const release = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: ci-runner}
spec:
  chartRef: {kind: OCIRepository, name: app-template}
  values:
    configMaps:
      jobs:
        data:
          runner.yaml: |
            labels: ["small:k8s:///jobs/small.yaml"]
          small.yaml: |-
            # the default job pod
            containers:
              - name: job
                image: ghcr.io/example/job-base:2.0.1
                imagePullPolicy: IfNotPresent
          docker.yaml: |
            spec:
              initContainers:
                - name: daemon
                  image: docker.io/library/docker:27-dind
              containers:
                - name: job
                  image: ghcr.io/example/job-base:2.0.1
          notes.txt: |
            containers: are what this runner starts
          broken.yaml: |
            containers:
              - image: [unclosed
`;

test('pod specs in app-template configMaps strings are read at their own lines, with a note; other strings give nothing', () => {
  const result = extractFile('apps/ci/runner.yaml', release);
  expect(result.diagnostics).toEqual([]);
  expect(result.occurrences.map((o) => [o.raw, o.parts.image?.span.start.line, o.parts.image?.span.start.col, o.path.join('.'), o.workload?.container, o.pullPolicy?.value])).toEqual([
    ['ghcr.io/example/job-base:2.0.1', 16, 24, 'spec.values.configMaps.jobs.data.small.yaml.containers.0.image', 'job', 'IfNotPresent'],
    ['docker.io/library/docker:27-dind', 22, 26, 'spec.values.configMaps.jobs.data.docker.yaml.spec.initContainers.0.image', 'daemon', undefined],
    ['ghcr.io/example/job-base:2.0.1', 25, 26, 'spec.values.configMaps.jobs.data.docker.yaml.spec.containers.0.image', 'job', undefined],
  ]);
  const first = result.occurrences[0]!;
  expect(first.format).toBe('flux');
  expect(first.owner).toMatchObject({ kind: 'HelmRelease', name: 'ci-runner' });
  expect(first.notes).toContain('a pod spec held in the string small.yaml, which a program (such as a CI runner) reads to create pods; it is not applied as written');
  // The exact characters: a fixer could rewrite them in place.
  const { start, end } = first.parts.image!.span;
  expect(release.slice(start.offset, end.offset)).toBe('ghcr.io/example/job-base:2.0.1');
});

test('a ConfigMap manifest whose data holds a pod template string', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: job-templates}\ndata:\n  job.yaml: |\n    apiVersion: v1\n    kind: Pod\n    spec:\n      containers:\n        - name: build\n          image: ghcr.io/example/builder:1.4.0\n  plain.conf: |\n    image: ghcr.io/example/not-a-pod:1.0.0\n';
  const result = extractFile('ci/templates.yaml', text);
  expect(result.occurrences.map((o) => [o.raw, o.parts.image?.span.start.line, o.path.join('.'), o.format])).toEqual([['ghcr.io/example/builder:1.4.0', 11, 'data.job.yaml.spec.containers.0.image', 'kubernetes']]);
  expect(result.occurrences[0]!.notes).toEqual(['a pod spec held in the string job.yaml, which a program (such as a CI runner) reads to create pods; it is not applied as written', 'held in ConfigMap job-templates']);
  expect(result.diagnostics).toEqual([]);
});

test('strings outside configMaps data, and quoted strings, are not parsed', () => {
  const values = 'config:\n  data:\n    pod.yaml: |\n      containers:\n        - image: ghcr.io/example/x:1.0.0\nconfigMaps:\n  a:\n    data:\n      pod.yaml: "containers:\\n  - image: ghcr.io/example/y:1.0.0\\n"\n';
  expect(extractFile('values.yaml', values).occurrences).toEqual([]);
});

test("kustomize's images transformer does not rewrite a pod spec written as a ConfigMap string", async () => {
  const tree = new MemorySource({
    'ci/kustomization.yaml': 'resources: [templates.yaml]\nimages:\n  - name: ghcr.io/example/builder\n    newTag: 9.9.9\n',
    'ci/templates.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: job-templates}\ndata:\n  job.yaml: |\n    containers:\n      - name: build\n        image: ghcr.io/example/builder:1.4.0\n',
  });
  const inventory = await scanSource(tree);
  expect(inventory.occurrences.filter((o) => o.file === 'ci/templates.yaml').map((o) => [o.raw, o.effective])).toEqual([['ghcr.io/example/builder:1.4.0', undefined]]);
});
