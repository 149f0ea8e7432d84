import { createHash } from 'node:crypto';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { scanSource, type Inventory } from '../../src/engine/scan.js';
import type { ReleaseOptions } from '../../src/engine/release-options.js';
import type { Resolution } from '../../src/resolver/types.js';
import { runRules } from '../../src/rules/run.js';
import type { Finding } from '../../src/rules/types.js';
import { MemorySource } from '../../src/sources/memory.js';

/** A digest made from a label: stable across runs, distinct per image. */
export const digestOf = (label: string): string => `sha256:${createHash('sha256').update(label).digest('hex')}`;

export interface Scenario {
  name: string;
  inventory: Inventory;
  findings: Finding[];
  config: Config;
  /** The PR's files, for fixes that edit them. */
  files: Record<string, string>;
}

type Answers = Record<string, Partial<Resolution>>;

const deployment = (name: string, images: string[], policy = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  template:
    spec:
      containers:
${images.map((image, i) => `        - name: c${i}\n          image: ${image}\n${policy ? `          imagePullPolicy: ${policy}\n` : ''}`).join('')}`;

/** A PR's files, what the registry (and the mirror) answered, and the findings, as the app computes them. */
export async function scenario(name: string, files: Record<string, string>, answers: Answers | undefined, config = '', mirrors: Answers = {}, releases: Record<string, ReleaseOptions> = {}): Promise<Scenario> {
  const loaded = loadConfig(config);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const inventory = await scanSource(new MemorySource(files));
  const resolved = (ref: string, r: Partial<Resolution>): Resolution => ({ reference: ref, status: 'resolved', ...r }) as Resolution;
  if (answers) {
    inventory.resolutions = new Map(Object.entries(answers).map(([ref, r]) => [ref, resolved(ref, r)]));
    inventory.mirrorResolutions = new Map(Object.entries(mirrors).map(([ref, r]) => [ref, resolved(ref, r)]));
    inventory.releaseOptions = new Map(inventory.occurrences.flatMap((o) => (o.reference && releases[o.reference.canonical] ? [[o, releases[o.reference.canonical]!] as const] : [])));
  }
  return { name, inventory, findings: runRules({ inventory, config: loaded.config }), config: loaded.config, files };
}

/** The realistic PRs the goldens and the rendering test share. */
export async function scenarios(): Promise<Scenario[]> {
  const metallb = digestOf('metallb-main');
  const nginx = digestOf('nginx-1.27.3');
  return [
    await scenario('floating-tags', {
      'apps/metallb/deploy.yaml': deployment('metallb-controller', ['quay.io/metallb/controller:main', 'nginx:latest', 'busybox'], 'IfNotPresent'),
    }, {
      'quay.io/metallb/controller:main': { digest: metallb, versionSource: 'development-build' },
      'docker.io/library/nginx:latest': { digest: nginx, version: '1.27.3', versionSource: 'shared-digest' },
      'docker.io/library/busybox': { digest: digestOf('busybox-1.36.1'), version: '1.36.1', versionSource: 'shared-digest' },
    }, '', {}, {
      // The base branch ran v0.13.12 (the MetalLB incident was fixed by going back to v0.13); v0.14.8 is the newest 0.x.
      'quay.io/metallb/controller:main': { base: { tag: 'v0.13.12', digest: digestOf('metallb-0.13.12') }, newest: { tag: 'v0.14.8', digest: digestOf('metallb-0.14.8') }, track: 'any version', chosen: 'base', stateful: false },
    }),
    await scenario('two-part-releases', {
      'apps/db/statefulset.yaml': deployment('db', ['postgres:16.4', 'redis:7.2', 'valkey/valkey:8.0']),
    }, {
      'docker.io/library/postgres:16.4': { digest: digestOf('postgres-16.4'), version: '16.4', versionSource: 'tag', partial: false },
      'docker.io/library/redis:7.2': { digest: digestOf('redis-7.2.5'), version: '7.2.5', versionSource: 'shared-digest', partial: true },
      'docker.io/valkey/valkey:8.0': { digest: digestOf('valkey-8.0'), versionSource: 'undetermined', versionNote: 'the tag list could not be read: registry timed out' },
    }),
    await scenario('mirror-states', {
      'apps/web/deploy.yaml': deployment('web', [`nginx:1.27.3@${nginx}`, 'redis:7.4.1', 'grafana/grafana:11.2.2', 'prom/prometheus:v2.54.1']),
    }, {
      [`docker.io/library/nginx:1.27.3@${nginx}`]: { digest: nginx, version: '1.27.3', versionSource: 'tag', pinned: { digest: nginx, exists: true, tagMatches: true } },
      'docker.io/library/redis:7.4.1': { digest: digestOf('redis-7.4.1'), version: '7.4.1', versionSource: 'tag' },
      'docker.io/grafana/grafana:11.2.2': { digest: digestOf('grafana-11.2.2'), version: '11.2.2', versionSource: 'tag' },
      'docker.io/prom/prometheus:v2.54.1': { digest: digestOf('prometheus-2.54.1'), version: 'v2.54.1', versionSource: 'tag' },
    }, 'mirrors: {docker.io: harbor.example.com/dockerhub}\nrules: {unpinned-digest: off}', {
      [`docker.io/library/nginx:1.27.3@${nginx}`]: { digest: nginx },
      'docker.io/library/redis:7.4.1': { digest: digestOf('redis-7.4.0-old') },
      'docker.io/grafana/grafana:11.2.2': { status: 'unresolved', error: { kind: 'not-found', message: 'harbor.example.com/dockerhub/grafana/grafana:11.2.2 not found', retryable: false } },
      'docker.io/prom/prometheus:v2.54.1': { status: 'unresolved', error: { kind: 'timeout', message: 'registry timed out', retryable: true } },
    }),
    await scenario('fail-on-never', {
      'apps/tools/job.yaml': deployment('tools', ['ghcr.io/acme/tools:main']),
    }, { 'ghcr.io/acme/tools:main': { digest: digestOf('tools-main'), versionSource: 'development-build' } }, 'failOn: never'),
    await notesScenario(),
    await scenario('stateful-move', {
      'apps/db/statefulset.yaml': deployment('db', ['postgres:latest']),
    }, { 'docker.io/library/postgres:latest': { digest: digestOf('postgres-17.2'), version: '17.2', versionSource: 'shared-digest' } }, '', {}, {
      'docker.io/library/postgres:latest': { base: { tag: '16.4', digest: digestOf('postgres-16.4') }, today: { tag: '17.2', digest: digestOf('postgres-17.2') }, newest: { tag: '16.6', digest: digestOf('postgres-16.6') }, track: '16.x', chosen: 'base', stateful: true },
    }),
  ];
}

/** Occurrences with notes: a Tekton param's default two steps run, and a values image two controllers take through a merge key. */
export async function notesScenario(): Promise<Scenario> {
  const task = 'apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: sync-repositories\nspec:\n  params:\n    - name: git-image\n      default: alpine/git:latest\n  steps:\n    - name: clone\n      image: $(params.git-image)\n    - name: push\n      image: $(params.git-image)\n';
  const values = 'controllers:\n  primary-reconciliation-controller: &controller\n    containers:\n      main:\n        image:\n          repository: ghcr.io/acme/reconciler\n          tag: main\n  secondary-reconciliation-controller:\n    <<: *controller\n';
  return scenario('notes', { 'ci/tasks/sync.yaml': task, 'apps/reconciler/values.yaml': values }, {
    'docker.io/alpine/git:latest': { digest: digestOf('git-2.47.1'), version: 'v2.47.1', versionSource: 'shared-digest' },
    'ghcr.io/acme/reconciler:main': { digest: digestOf('reconciler-main'), versionSource: 'development-build' },
  });
}

/** A PR that touches 500 references across 100 files: 5 images each, every one floating. */
export async function hugeScenario(): Promise<Scenario> {
  const files: Record<string, string> = {};
  const answers: Answers = {};
  for (let f = 0; f < 100; f++) {
    const images = Array.from({ length: 5 }, (_, i) => `registry.example.com/team-${f}/service-${i}:main`);
    files[`apps/team-${f}/deploy.yaml`] = deployment(`team-${f}`, images);
    for (const image of images) answers[image] = { digest: digestOf(image.slice(-20)), versionSource: 'development-build' };
  }
  return scenario('huge', files, answers);
}

/** A fork PR: it changes an image map's repository line (its tag line, ten lines below, stays outside the diff) and adds a kustomization. */
export async function forkScenario(): Promise<Scenario & { base: Record<string, string> }> {
  const values = (repository: string) => `# values for web\nimage:\n  repository: ${repository}\n  pullPolicy: Always\n  pullSecrets: []\n  debug: false\n  resources: {}\n  securityContext: {}\n  podLabels: {}\n  extraEnv: []\n  tag: latest\n`;
  const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deploy.yaml]\nimages:\n  - name: redis\n    newTag: "7.4"\n';
  const base = { 'apps/web/values.yaml': values('bitnami/nginx') };
  // A development build with no release to move to: the fixes leave it alone, and the review must say so.
  const s = await scenario('fork', { 'apps/web/values.yaml': values('nginx'), 'apps/web/kustomization.yaml': kustomization, 'apps/tools/job.yaml': deployment('tools', ['ghcr.io/acme/tools:main']) }, {
    'ghcr.io/acme/tools:main': { digest: digestOf('tools-main'), versionSource: 'development-build' },
    'docker.io/library/nginx:latest': { digest: digestOf('nginx-1.27.3'), version: '1.27.3', versionSource: 'shared-digest' },
    'docker.io/library/redis:7.4': { digest: digestOf('redis-7.4.1'), version: '7.4.1', versionSource: 'shared-digest', partial: true },
  }, '', {}, {
    'docker.io/library/nginx:latest': { today: { tag: '1.27.3', digest: digestOf('nginx-1.27.3') }, newest: { tag: '1.27.3', digest: digestOf('nginx-1.27.3') }, track: 'any version', chosen: 'today', stateful: false },
    'docker.io/library/redis:7.4': { today: { tag: '7.4.1', digest: digestOf('redis-7.4.1') }, newest: { tag: '7.4.1', digest: digestOf('redis-7.4.1') }, track: '7.x', chosen: 'today', stateful: true },
  });
  return { ...s, base };
}

/** A kustomize base that two overlays rewrite, and a Flux Kustomization that fills `${VAR}`s (one from a Secret). */
export async function effectiveScenario(): Promise<Scenario> {
  const overlay = (tag: string, name = '', worker = '') => `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\nimages:\n  - name: ghcr.io/acme/web\n${name ? `    newName: ${name}\n` : ''}    newTag: ${tag}\n${worker ? `  - name: ghcr.io/acme/worker\n    newTag: ${worker}\n` : ''}`;
  const flux = 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: media\n  namespace: flux-system\nspec:\n  path: ./apps/media\n  sourceRef: {kind: GitRepository, name: flux-system}\n  postBuild:\n    substitute:\n      PLAYER_TAG: "10.9.11"\n    substituteFrom:\n      - kind: Secret\n        name: media-secrets\n';
  return scenario('effective', {
    'apps/web/base/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deploy.yaml\n',
    'apps/web/base/deploy.yaml': deployment('web', ['ghcr.io/acme/web:1.4.0', 'ghcr.io/acme/worker:latest']),
    'apps/web/overlays/prod/kustomization.yaml': overlay('1.4.2', 'harbor.acme.internal/ghcr/acme/web', '2.0.1'),
    'apps/web/overlays/staging/kustomization.yaml': overlay('1.5.0-rc.1'),
    'clusters/home/media.yaml': flux,
    'apps/media/player.yaml': deployment('player', ['ghcr.io/acme/player:${PLAYER_TAG}', 'ghcr.io/acme/vpn:${VPN_TAG}', 'ghcr.io/acme/indexer:latest']),
  }, {
    'ghcr.io/acme/web:1.4.0': { digest: digestOf('web-1.4.0'), version: '1.4.0', versionSource: 'tag' },
    'ghcr.io/acme/worker:latest': { digest: digestOf('worker-2.1.0'), version: '2.1.0', versionSource: 'shared-digest' },
    'ghcr.io/acme/indexer:latest': { digest: digestOf('indexer-1.24.0'), version: '1.24.0', versionSource: 'shared-digest' },
  });
}
