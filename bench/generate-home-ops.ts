// Writes a tree shaped like a Flux "home-ops" repository (the onedr0p/bjw-s layout that issue 17's
// 1,319-file measurement used): per app a Flux Kustomization (ks.yaml), a HelmRelease of the
// app-template chart through an OCIRepository, a kustomization, an ExternalSecret and sometimes
// a PVC; namespaces, Flux components, a Talos config, GitHub workflows and docs around them.
import { treeWriter } from './tree-writer.js';

const NAMESPACES = ['default', 'media', 'home', 'network', 'observability', 'database', 'security', 'storage', 'kube-system', 'flux-system', 'cert-manager', 'actions-runner', 'tools', 'games', 'ai', 'backup', 'downloads', 'dev', 'system-upgrade', 'external-secrets'];
const hex = (i: number): string => (BigInt(i + 1) * 0x9e3779b97f4a7c15n).toString(16).padStart(16, '0').repeat(4).slice(0, 64);

const ks = (app: string, ns: string): string => `---
# yaml-language-server: $schema=https://kubernetes-schemas.example/kustomization_v1.json
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: &app ${app}
  namespace: &namespace ${ns}
spec:
  commonMetadata:
    labels:
      app.kubernetes.io/name: *app
  components:
    - ../../../../components/volsync
  dependsOn:
    - name: rook-ceph-cluster
      namespace: rook-ceph
  interval: 1h
  path: ./kubernetes/apps/${ns}/${app}/app
  postBuild:
    substitute:
      APP: *app
      VOLSYNC_CAPACITY: 5Gi
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
    namespace: flux-system
  targetNamespace: *namespace
  timeout: 5m
  wait: false
`;

const helmRelease = (app: string, i: number): string => `---
# yaml-language-server: $schema=https://kubernetes-schemas.example/helmrelease_v2.json
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: &app ${app}
spec:
  chartRef:
    kind: OCIRepository
    name: app-template
  interval: 1h
  values:
    controllers:
      ${app}:
        annotations:
          reloader.stakater.com/auto: "true"
        initContainers:
          init-db:
            image:
              repository: ghcr.io/home-operations/postgres-init
              tag: 17.${i % 6}@sha256:${hex(i * 3)}
            envFrom: &envFrom
              - secretRef:
                  name: ${app}-secret
        containers:
          app:
            image:
              repository: ghcr.io/home-operations/${app}
              tag: ${1 + (i % 4)}.${i % 13}.${i % 7}@sha256:${hex(i)}
            env:
              TZ: Europe/Paris
              ${app.toUpperCase().replace(/-/g, '_')}__PORT: &port 80
            envFrom: *envFrom
            probes:
              liveness: &probes
                enabled: true
                custom: true
                spec:
                  httpGet:
                    path: /ping
                    port: *port
              readiness: *probes
            securityContext:
              allowPrivilegeEscalation: false
              readOnlyRootFilesystem: true
              capabilities: { drop: ["ALL"] }
            resources:
              requests:
                cpu: 10m
              limits:
                memory: 1Gi
    defaultPodOptions:
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
    service:
      app:
        controller: ${app}
        ports:
          http:
            port: *port
    route:
      app:
        hostnames: ["{{ .Release.Name }}.example.com"]
        parentRefs:
          - name: internal
            namespace: kube-system
            sectionName: https
    persistence:
      config:
        existingClaim: ${app}
      tmp:
        type: emptyDir
`;

const ociRepository = (i: number): string => `---
apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata:
  name: app-template
spec:
  interval: 15m
  layerSelector:
    mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip
    operation: copy
  ref:
    tag: 4.${i % 3}.0
  url: oci://ghcr.io/bjw-s-labs/helm/app-template
`;

const appKustomization = (pvc: boolean): string => `---
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ./externalsecret.yaml
  - ./helmrelease.yaml
  - ./ocirepository.yaml
${pvc ? '  - ./pvc.yaml\n' : ''}`;

const externalSecret = (app: string): string => `---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: ${app}
spec:
  secretStoreRef:
    kind: ClusterSecretStore
    name: onepassword
  target:
    name: ${app}-secret
    template:
      data:
        ${app.toUpperCase().replace(/-/g, '_')}__API_KEY: "{{ .API_KEY }}"
  dataFrom:
    - extract:
        key: ${app}
`;

const pvc = (app: string): string => `---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${app}
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 5Gi
  storageClassName: ceph-block
`;

const namespace = (ns: string): string => `---
apiVersion: v1
kind: Namespace
metadata:
  name: ${ns}
  annotations:
    kustomize.toolkit.fluxcd.io/prune: disabled
`;

const nsKustomization = (ns: string, apps: string[]): string => `---
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ${ns}
components:
  - ../../components/common
resources:
${apps.map((a) => `  - ./${a}/ks.yaml`).join('\n')}
`;

const workflow = (i: number): string => `---
name: workflow-${i}
on:
  pull_request:
    branches: ["main"]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@${hex(i).slice(0, 40)} # v4
      - name: Run
        run: echo ok
`;

const talconfig = `---
clusterName: home
talosVersion: v1.10.3
kubernetesVersion: v1.33.1
endpoint: https://10.0.0.10:6443
nodes:
${[1, 2, 3].map((n) => `  - hostname: node-${n}
    ipAddress: 10.0.0.${10 + n}
    controlPlane: true
    installDiskSelector: { model: "Samsung SSD 870" }
    talosImageURL: factory.talos.dev/installer/${hex(n)}`).join('\n')}
patches:
  - |-
    machine:
      registries:
        mirrors:
          docker.io:
            endpoints: ["https://mirror.example.com/v2/docker.io"]
`;

/** Writes the tree under `root` (about 1,320 files; `apps` sets the number of apps); returns how many files and bytes it wrote. */
export function generateHomeOps(root: string, apps = 230): { files: number; bytes: number } {
  const tree = treeWriter(root);
  const write = tree.write;
  const byNamespace = new Map<string, string[]>(NAMESPACES.map((ns) => [ns, []]));
  for (let i = 0; i < apps; i++) {
    const ns = NAMESPACES[i % NAMESPACES.length]!;
    const app = `app-${i}`;
    byNamespace.get(ns)!.push(app);
    const dir = `kubernetes/apps/${ns}/${app}`;
    write(`${dir}/ks.yaml`, ks(app, ns));
    write(`${dir}/app/helmrelease.yaml`, helmRelease(app, i));
    write(`${dir}/app/ocirepository.yaml`, ociRepository(i));
    write(`${dir}/app/kustomization.yaml`, appKustomization(i % 2 === 0));
    write(`${dir}/app/externalsecret.yaml`, externalSecret(app));
    if (i % 2 === 0) write(`${dir}/app/pvc.yaml`, pvc(app));
  }
  for (const [ns, list] of byNamespace) {
    write(`kubernetes/apps/${ns}/namespace.yaml`, namespace(ns));
    write(`kubernetes/apps/${ns}/kustomization.yaml`, nsKustomization(ns, list));
  }
  for (let i = 0; i < 12; i++) write(`.github/workflows/workflow-${i}.yaml`, workflow(i));
  for (let i = 0; i < 12; i++) write(`docs/page-${i}.md`, `# Page ${i}\n\nSee the apps in kubernetes/apps.\n`);
  write('talos/talconfig.yaml', talconfig);
  return tree.totals();
}
