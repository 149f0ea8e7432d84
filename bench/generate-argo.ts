// Writes a tree shaped like an Argo CD GitOps repository (app-of-apps with ApplicationSets): per
// app an Application (a Helm chart with inline values, a valuesObject, or a git path), its values
// files, plain manifests (Deployment, Service, ConfigMap, Ingress) and a kustomization; cluster
// ApplicationSets, AppProjects and docs around them. About 1,000 files by default.
import { treeWriter } from './tree-writer.js';

const TEAMS = ['payments', 'search', 'platform', 'data', 'web', 'identity', 'ml', 'ops'];
const CHARTS = [['https://charts.bitnami.com/bitnami', 'redis', '20.1.4'], ['https://prometheus-community.github.io/helm-charts', 'kube-prometheus-stack', '66.2.1'],
  ['ghcr.io/stefanprodan/charts', 'podinfo', '6.7.1'], ['https://grafana.github.io/helm-charts', 'loki', '6.21.0']] as const;
const hex = (i: number): string => (BigInt(i + 1) * 0x9e3779b97f4a7c15n).toString(16).padStart(16, '0').repeat(4).slice(0, 64);

const application = (app: string, team: string, i: number): string => {
  const [repoURL, chart, version] = CHARTS[i % CHARTS.length]!;
  const head = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${app}
  namespace: argocd
  finalizers: [resources-finalizer.argocd.argoproj.io]
spec:
  project: ${team}
  destination:
    server: https://kubernetes.default.svc
    namespace: ${team}
  syncPolicy:
    automated: { prune: true, selfHeal: true }
    syncOptions: [CreateNamespace=true]
`;
  if (i % 3 === 0) return `${head}  source:
    repoURL: https://github.com/example/gitops.git
    targetRevision: main
    path: apps/${team}/${app}/manifests
`;
  const helm = i % 3 === 1
    ? `      valuesObject:
        image:
          repository: ghcr.io/example/${app}
          tag: "1.${i % 20}.0"
        sidecar:
          image: docker.io/library/nginx:1.27.${i % 5}@sha256:${hex(i)}
`
    : `      values: |
        image:
          registry: quay.io
          repository: example/${app}
          tag: v2.${i % 9}.1
`;
  return `${head}  sources:
    - repoURL: ${repoURL}
      chart: ${chart}
      targetRevision: ${version}
      helm:
        releaseName: ${app}
        valueFiles:
          - $values/apps/${team}/${app}/values.yaml
          - $values/apps/${team}/${app}/values-prod.yaml
${helm}    - repoURL: https://github.com/example/gitops.git
      targetRevision: main
      ref: values
`;
};

const values = (app: string, i: number, prod: boolean): string => `# ${prod ? 'production overrides' : 'defaults'} for ${app}
replicaCount: ${prod ? 3 : 1}
image:
  repository: ghcr.io/example/${app}
  tag: "${prod ? '1.4.2' : `1.${i % 20}.0`}"
  pullPolicy: IfNotPresent
resources:
  limits: { cpu: 500m, memory: 256Mi }
ingress:
  enabled: ${prod}
  hosts: [{ host: ${app}.example.com, paths: [{ path: /, pathType: Prefix }] }]
${i % 4 === 0 ? `metrics:\n  exporter:\n    image:\n      registry: docker.io\n      repository: prom/statsd-exporter\n      tag: v0.28.0\n` : ''}`;

const deployment = (app: string, team: string, i: number): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${team}
  labels: { app.kubernetes.io/name: ${app} }
spec:
  replicas: 2
  selector: { matchLabels: { app.kubernetes.io/name: ${app} } }
  template:
    metadata:
      labels: { app.kubernetes.io/name: ${app} }
    spec:
      initContainers:
        - name: migrate
          image: ghcr.io/example/${app}-migrate:${i % 7}.0.0
      containers:
        - name: ${app}
          image: registry.example.com/${team}/${app}:1.${i % 20}.${i % 3}
          ports: [{ containerPort: 8080 }]
          envFrom: [{ configMapRef: { name: ${app} } }]
`;

const service = (app: string, team: string): string => `apiVersion: v1
kind: Service
metadata: { name: ${app}, namespace: ${team} }
spec:
  selector: { app.kubernetes.io/name: ${app} }
  ports: [{ port: 80, targetPort: 8080 }]
`;

const configMap = (app: string, team: string): string => `apiVersion: v1
kind: ConfigMap
metadata: { name: ${app}, namespace: ${team} }
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: "a,b,c"
`;

const ingress = (app: string, team: string): string => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: ${app}, namespace: ${team} }
spec:
  rules:
    - host: ${app}.example.com
      http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: ${app}, port: { number: 80 } } } }] }
`;

const kustomization = (app: string, i: number): string => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [deployment.yaml, service.yaml, configmap.yaml, ingress.yaml]
images:
  - name: registry.example.com/${TEAMS[i % TEAMS.length]}/${app}
    newTag: 1.${i % 20}.9
`;

const applicationSet = (team: string): string => `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: { name: ${team}-clusters, namespace: argocd }
spec:
  goTemplate: true
  generators:
    - list:
        elements: [{ cluster: eu-1, url: https://eu-1.example.com }, { cluster: us-1, url: https://us-1.example.com }]
  template:
    metadata: { name: '${team}-{{.cluster}}' }
    spec:
      project: ${team}
      source:
        repoURL: https://charts.bitnami.com/bitnami
        chart: nginx
        targetRevision: 18.2.5
        helm:
          valuesObject:
            image: { registry: docker.io, repository: bitnami/nginx, tag: 1.27.3 }
      destination: { server: '{{.url}}', namespace: ${team} }
`;

const project = (team: string): string => `apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata: { name: ${team}, namespace: argocd }
spec:
  sourceRepos: ['*']
  destinations: [{ namespace: ${team}, server: '*' }]
`;

/** Writes the tree under `root` (about 1,000 files with 120 apps); returns how many files and bytes it wrote. */
export function generateArgo(root: string, apps = 120): { files: number; bytes: number } {
  const tree = treeWriter(root);
  const write = tree.write;
  for (let i = 0; i < apps; i++) {
    const team = TEAMS[i % TEAMS.length]!;
    const app = `svc-${i}`;
    const dir = `apps/${team}/${app}`;
    write(`argocd/applications/${team}/${app}.yaml`, application(app, team, i));
    write(`${dir}/values.yaml`, values(app, i, false));
    write(`${dir}/values-prod.yaml`, values(app, i, true));
    write(`${dir}/manifests/deployment.yaml`, deployment(app, team, i));
    write(`${dir}/manifests/service.yaml`, service(app, team));
    write(`${dir}/manifests/configmap.yaml`, configMap(app, team));
    write(`${dir}/manifests/ingress.yaml`, ingress(app, team));
    write(`${dir}/manifests/kustomization.yaml`, kustomization(app, i));
  }
  for (const team of TEAMS) {
    write(`argocd/applicationsets/${team}.yaml`, applicationSet(team));
    write(`argocd/projects/${team}.yaml`, project(team));
  }
  for (let i = 0; i < 24; i++) write(`docs/runbook-${i}.md`, `# Runbook ${i}\n\nApplications live in argocd/applications.\n`);
  return tree.totals();
}
