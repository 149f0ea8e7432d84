import { deployUnits } from './units.js';
import { unitsFor } from './deployed.js';

const flux = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: apps, namespace: flux-system }
spec:
  interval: 10m
  path: ./apps/production
  sourceRef: { kind: GitRepository, name: flux-system }
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: infra }
spec: { path: "./infrastructure/", sourceRef: { kind: GitRepository, name: flux-system } }
`;

const argo = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: { name: builds-api, namespace: argocd }
spec:
  sources:
    - repoURL: https://charts.example.com
      chart: builds-api
      targetRevision: 1.4.0
    - repoURL: https://github.com/acme/gitops
      path: services/builds-api
`;

const kustomize = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [deployment.yaml]
`;

describe('deploy units', () => {
  it.each([
    ['Flux Kustomizations by spec.path', flux, [['apps', 'apps/production'], ['infra', 'infrastructure']]],
    ['an Argo CD application with several sources, the chart-only one left out', argo, [['builds-api', 'services/builds-api']]],
    ['not a kustomize.config.k8s.io Kustomization', kustomize, []],
    ['nothing from invalid YAML', 'kind: Kustomization\n  bad: [', []],
  ])('%s', (_name, content, expected) => {
    expect(deployUnits('x.yaml', content).map((u) => [u.name, u.path])).toEqual(expected);
  });

  it('maps changed paths to the units that deploy them, by directory and not by prefix', () => {
    const units = deployUnits('clusters/prod/apps.yaml', flux);
    expect(unitsFor(['apps/production/builds/values.yaml'], units)).toEqual(['apps']);
    expect(unitsFor(['apps/production-old/x.yaml'], units)).toEqual([]);
    expect(unitsFor(['infrastructure/a.yaml', 'apps/production/b.yaml'], units)).toEqual(['apps', 'infra']);
  });
});
