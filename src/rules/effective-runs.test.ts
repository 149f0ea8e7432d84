import { loadConfig } from '../config/load.js';
import { scanSource } from '../engine/scan.js';
import { MemorySource } from '../sources/memory.js';
import { runRules } from './run.js';

const PIN = `sha256:${'a'.repeat(64)}`;

const deployment = (image: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    spec:
      containers:
        - name: api
          image: ${image}
`;

/** A Flux Kustomization `api` that builds ./apps/api, with the given `postBuild` body. */
const fluxKustomization = (postBuild: string): string => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: api, namespace: flux-system}
spec:
  path: ./apps/api
  postBuild:
${postBuild}`;

/** Findings of the offline rules over a tree: rule, file:line, message, and the context of an effective run. */
async function findings(files: Record<string, string>): Promise<{ at: string; message: string; context?: string; decidedBy?: string[] }[]> {
  const inventory = await scanSource(new MemorySource(files));
  const loaded = loadConfig('rules: {unpinned-digest: off}');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return runRules({ inventory, config: loaded.config }).map((f) => ({
    at: `${f.ruleId} ${f.file}:${f.span.start.line}`,
    message: f.message,
    ...(f.effective && { context: f.effective.for?.file, decidedBy: f.effective.provenance.map((p) => `${p.file}:${p.line}`) }),
  }));
}

const kustomization = (images: string): string => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\nimages:\n${images}`;

test('an overlay that retags a pinned base image to latest is a finding once, at the overlay entry that decides it', async () => {
  const found = await findings({
    'app/base/deployment.yaml': deployment(`ghcr.io/acme/api:1.2.0@${PIN}`),
    'app/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'app/overlays/prod/kustomization.yaml': kustomization('  - name: ghcr.io/acme/api\n    newTag: latest\n'),
  });
  // The overlay's entry is an occurrence of its own (and what `pin` fixes); the base line does not repeat it.
  expect(found.map((f) => f.at)).toEqual(['floating-tag app/overlays/prod/kustomization.yaml:7']);
});

test('an overlay that pins a digest leaves no finding for the base floating tag it replaces', async () => {
  const found = await findings({
    'app/base/deployment.yaml': deployment('ghcr.io/acme/api:latest'),
    'app/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'app/overlays/prod/kustomization.yaml': kustomization(`  - name: ghcr.io/acme/api\n    newTag: 1.2.0\n    digest: ${PIN}\n`),
  });
  expect(found.filter((f) => f.at.includes('app/base/'))).toEqual([]);
});

test('the same base, also built directly without the overlay, is still checked as written', async () => {
  const found = await findings({
    'app/base/deployment.yaml': deployment('ghcr.io/acme/api:latest'),
    'app/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'app/overlays/prod/kustomization.yaml': kustomization(`  - name: ghcr.io/acme/api\n    newTag: 1.2.0\n    digest: ${PIN}\n`),
    'clusters/dev/kustomization.yaml': 'resources:\n  - ../../app/base\n',
  });
  expect(found.filter((f) => f.at.includes('app/base/')).map((f) => [f.at, f.context])).toEqual([['floating-tag app/base/deployment.yaml:9', undefined]]);
});

test('a Flux postBuild substitution to latest is checked as what runs, citing the Kustomization', async () => {
  const found = await findings({
    'apps/api/deployment.yaml': deployment('ghcr.io/acme/api:${API_TAG}'),
    'clusters/home/api.yaml': fluxKustomization('    substitute:\n      API_TAG: latest\n'),
  });
  const runs = found.filter((f) => f.context === 'clusters/home/api.yaml');
  expect(runs.map((f) => [f.at, f.decidedBy])).toEqual([['floating-tag apps/api/deployment.yaml:9', ['clusters/home/api.yaml:8']]]);
  expect(runs[0]!.message).toContain('Runs as `ghcr.io/acme/api:latest` in Flux Kustomization `api`');
});

test('Argo CD value files: the tag a later values file sets is what is checked, at the line of the first', async () => {
  const found = await findings({
    'charts/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 1.0.0\n',
    'charts/api/values.yaml': `image:\n  repository: ghcr.io/acme/api\n  tag: 1.2.0@${PIN}\n`,
    'charts/api/values-prod.yaml': 'image:\n  tag: latest\n',
    'argocd/api.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: api-prod, namespace: argocd}
spec:
  source:
    repoURL: https://git.example.com/acme/deploy.git
    path: charts/api
    helm:
      valueFiles: [values.yaml, values-prod.yaml]
`,
  });
  const runs = found.filter((f) => f.context === 'argocd/api.yaml');
  expect(runs.map((f) => f.at)).toEqual([expect.stringMatching(/^floating-tag charts\/api\/values\.yaml:\d+$/)]);
  expect(runs[0]!.message).toContain('Argo CD Application `api-prod`');
});

test('a substitution from a Secret cannot be told: a warning says what runs there was not checked, and why', async () => {
  const found = await findings({
    'apps/api/deployment.yaml': deployment('ghcr.io/acme/api:${API_TAG}'),
    'clusters/home/api.yaml': fluxKustomization('    substituteFrom:\n      - kind: Secret\n        name: api-secrets\n'),
  });
  const unknown = found.filter((f) => f.at.startsWith('unresolved-reference'));
  expect(unknown.map((f) => [f.at, f.context])).toEqual([['unresolved-reference apps/api/deployment.yaml:9', 'clusters/home/api.yaml']]);
  expect(unknown[0]!.message).toMatch(/^What runs in `clusters\/home\/api\.yaml` was not checked: .*Secret api-secrets/);
});
