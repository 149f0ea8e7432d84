// Writes a synthetic GitOps repository of mixed formats for the extraction benchmark.
import { treeWriter } from './tree-writer.js';

const deployment = (i: number): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${i}
  namespace: team-${i % 40}
spec:
  replicas: 2
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/team-${i % 40}/svc-${i}:1.${i % 50}.${i % 7}
          imagePullPolicy: IfNotPresent
          env:
            - { name: MODE, value: production }
        - name: proxy
          image: nginx:1.27.${i % 3}
`;
const values = (i: number): string => `# values for app ${i}
replicaCount: 2
image:
  repository: ghcr.io/acme/app-${i}
  tag: "2.${i % 30}.0"
  pullPolicy: IfNotPresent
postgresql:
  image:
    registry: docker.io
    repository: bitnami/postgresql
    tag: 16.${i % 5}.0
metrics:
  exporterImage: quay.io/prometheus/statsd-exporter:v0.27.${i % 3}
resources:
  limits: { cpu: 500m, memory: 256Mi }
`;
const helmRelease = (i: number): string => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: release-${i}
  namespace: apps
spec:
  interval: 30m
  chart:
    spec:
      chart: app
      version: 1.${i % 9}.0
      sourceRef: { kind: HelmRepository, name: charts, namespace: flux-system }
  values:
    image:
      repository: ghcr.io/acme/release-${i}
      tag: v${i % 11}.0.0
    sidecar:
      image: docker.io/library/busybox:1.36.${i % 2}
`;
const kustomization = (i: number): string => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources: [deployment.yaml]
images:
  - name: ghcr.io/acme/api
    newTag: 3.${i % 20}.1
  - name: ghcr.io/acme/worker
    newName: harbor.example.com/ghcr/acme/worker
    newTag: 3.${i % 20}.1
  - name: redis
    newTag: "7.4"
`;
const application = (i: number): string => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: app-${i}
  namespace: argocd
spec:
  source:
    repoURL: https://charts.example.com
    chart: app
    targetRevision: 2.${i % 4}.0
    helm:
      values: |
        image:
          repository: ghcr.io/acme/argo-${i}
          tag: 0.${i % 9}.0
        worker:
          image: quay.io/acme/worker:0.${i % 9}.0
`;
const cronJob = (i: number): string => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: job-${i}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: job
              image: bitnami/kubectl:1.31.${i % 4}
`;
const compose = (i: number): string => `services:
  web:
    image: ghcr.io/acme/compose-${i}:1.0.${i % 10}
    ports: ["8080:80"]
`;
const configMap = (i: number): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings-${i}
data:
  image: not-an-image-here
  config.yaml: |
    level: info
`;

const MIX: [number, string, (i: number) => string][] = [
  [1500, 'apps/{i}/deployment.yaml', deployment],
  [1000, 'charts/{i}/values.yaml', values],
  [700, 'releases/{i}/helmrelease.yaml', helmRelease],
  [500, 'overlays/{i}/kustomization.yaml', kustomization],
  [300, 'argocd/{i}/application.yaml', application],
  [500, 'jobs/{i}/cronjob.yaml', cronJob],
  [300, 'compose/{i}/docker-compose.yml', compose],
  [200, 'config/{i}/configmap.yaml', configMap],
];

/** Writes the repository under `root` (the 5,000-file mix `copies` times over); returns how many files and bytes it wrote. */
export function generateRepo(root: string, copies = 1): { files: number; bytes: number } {
  const tree = treeWriter(root);
  for (const [count, pattern, render] of MIX) {
    for (let i = 0; i < count * copies; i++) tree.write(pattern.replace('{i}', String(i)), render(i));
  }
  return tree.totals();
}
