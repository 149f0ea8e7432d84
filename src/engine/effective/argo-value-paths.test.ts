import { MemorySource } from '../../sources/memory.js';
import type { Occurrence } from '../../model/occurrence.js';
import { scanSource } from '../scan.js';
import { ASSUMED } from './source-repo.js';

const at = (occurrences: Occurrence[], file: string): Occurrence => occurrences.find((o) => o.file === file)!;
const stages = [
  'apiVersion: argoproj.io/v1alpha1', 'kind: ApplicationSet', 'metadata:', '  name: rollouts', 'spec:',
  '  generators:', '    - list:', '        elements:', '          - stage: dev', '          - stage: prod',
  '  template:', "    metadata: {name: 'rollouts-{{stage}}'}", '    spec:', '      source:',
  '        repoURL: https://github.com/example/demo', '        targetRevision: main', '        path: apps/rollouts/chart',
  '        helm:', '          valueFiles:', '            - /apps/rollouts/env/{{stage}}/image.yaml', '',
].join('\n');
const tree = {
  'apps/rollouts/chart/values.yaml': 'image:\n  repository: ghcr.io/example/rollouts\n  tag: latest\n',
  'apps/rollouts/env/dev/image.yaml': 'image:\n  tag: 44-green\n',
  'apps/rollouts/env/prod/image.yaml': 'image:\n  tag: 45-yellow\n',
  'argo/rollouts.yaml': stages,
};

test('a valueFiles entry starting with / is read from the repository root, not under the source path (round 13)', async () => {
  const inventory = await scanSource(new MemorySource(tree), { repository: 'example/demo' });
  const runs = at(inventory.occurrences, 'apps/rollouts/chart/values.yaml').effective!;
  expect(runs.map((e) => `${e.for?.element} ${e.reference?.canonical} ${e.unknown ?? ''}`)).toEqual([
    '0 ghcr.io/example/rollouts:44-green ',
    '1 ghcr.io/example/rollouts:45-yellow ',
  ]);
  expect(runs[1]!.provenance[0]!.detail).toBe('apps/rollouts/env/prod/image.yaml sets image.tag to 45-yellow (a later valueFiles entry of argo/rollouts.yaml)');
});

test('a missing absolute valueFiles entry is named at the repository root, and the assumption is said when the repository is not known', async () => {
  const rest: Record<string, string> = { ...tree };
  delete rest['apps/rollouts/env/prod/image.yaml'];
  const inventory = await scanSource(new MemorySource(rest));
  const runs = at(inventory.occurrences, 'apps/rollouts/chart/values.yaml').effective!;
  expect(runs[0]!.provenance[0]!.detail).toContain(ASSUMED);
  expect(runs[1]!.unknown).toBe(`not every values file of argo/rollouts.yaml is in the tree: valueFiles entry /apps/rollouts/env/prod/image.yaml (argo/rollouts.yaml line 20) is apps/rollouts/env/prod/image.yaml, which is not among the files imagepin read as a values file ${ASSUMED}`);
});

const twoSources = (refURL: string): string => [
  'apiVersion: argoproj.io/v1alpha1', 'kind: Application', 'metadata:', '  name: gateway', 'spec:', '  sources:',
  '    - repoURL: https://github.com/example/addons', '      targetRevision: main', '      path: gateway',
  '      helm:', '        valueFiles: [$values/bootstrap/gateway/values-apis.yaml]',
  `    - repoURL: ${refURL}`, '      targetRevision: main', '      ref: values', '',
].join('\n');
const gateway = {
  'gateway/values.yaml': 'checker:\n  image: quay.io/example/checker:1.0\npatcher:\n  image: quay.io/example/patcher:1.0\n',
};

test("a $values file of a ref source in another repository than the chart source's is said to be there, not missing here (round 13)", async () => {
  const inventory = await scanSource(new MemorySource({ ...gateway, 'argo/gateway.yaml': twoSources('https://github.com/other-org/llm-platform.git') }));
  const unknown = inventory.occurrences.filter((o) => o.file === 'gateway/values.yaml').map((o) => o.effective!.map((e) => e.unknown));
  const said = 'not every values file of argo/gateway.yaml is in the tree: valueFiles entry $values/bootstrap/gateway/values-apis.yaml (argo/gateway.yaml line 11) is in https://github.com/other-org/llm-platform.git, another repository than the source\'s https://github.com/example/addons, whose path imagepin reads in this tree; imagepin did not read it';
  expect(unknown).toEqual([[said], [said]]);
});

test('a $values file of a ref source on the same repository is looked for in this tree, saying that imagepin assumed so', async () => {
  const inventory = await scanSource(new MemorySource({ ...gateway, 'argo/gateway.yaml': twoSources('git@github.com:example/addons.git') }));
  const runs = at(inventory.occurrences, 'gateway/values.yaml').effective!;
  expect(runs.map((e) => e.unknown)).toEqual([`not every values file of argo/gateway.yaml is in the tree: valueFiles entry $values/bootstrap/gateway/values-apis.yaml (argo/gateway.yaml line 11) is bootstrap/gateway/values-apis.yaml, which is not among the files imagepin read as a values file ${ASSUMED}`]);
});
