import type { FormatId, Occurrence, Owner } from './occurrence.js';
import type { ScalarNode, Span, YamlPath } from './position.js';
import type { Layer } from './layers.js';
import type { NotFollowed } from './not-followed.js';

/** A Helm chart, OCI artifact or git source that a manifest deploys, with the version it asks for. */
/** `automated`: `syncPolicy.automated` is set (and not `enabled: false`); `disabled`: it says `enabled: false`; `manual`: the tree sets none (it may still be switched on outside the repository). */
export type ArgoSync = 'automated' | 'disabled' | 'manual';

export interface ChartRef {
  file: string;
  /** Index of the YAML document inside the file. */
  document: number;
  format: FormatId;
  type: 'helm' | 'oci' | 'git';
  path: YamlPath;
  owner: Owner;
  chart?: string;
  /** Helm repository URL, `oci://` URL or git URL. */
  repoURL?: string;
  /** Flux `sourceRef` / `chartRef` as `Kind/namespace/name`. */
  sourceRef?: string;
  version?: string;
  versionNode?: ScalarNode;
  /** A Flux HelmRelease's `spec.chart.spec.reconcileStrategy`, when written (`ChartVersion` or `Revision`). */
  reconcileStrategy?: string;
  span: Span;
  /** An Argo CD Application's automated sync as the tree writes it (`syncPolicy.automated`); absent where the tree does not tell. Not in the JSON report. */
  sync?: ArgoSync;
  /** An Argo CD ApplicationSet's own `metadata.name` (`owner.name` is its template's, often templated); `''` when it writes none. Not in the JSON report. */
  applicationSet?: string;
  /** For a git source: the path in the repository (an Argo CD `source.path`). */
  localPath?: string;
  /** The values the repository sets for this chart (plain data), and where they are written. */
  values?: unknown;
  valuesPath?: YamlPath;
  /** A HelmRelease's `valuesFrom` layers found in the tree: what they set under image-like keys, in Flux's order (`values` is merged over them). */
  valuesFrom?: unknown;
  /** The dotted keys a `valuesFrom` entry's `targetPath` sets (`*` for a path imagepin does not read): Flux's documentation says they win over `values`. */
  valuesFromTargets?: string[];
  /** The `enabled` keys those layers set (plain data; `false` only for the boolean), and why a layer that could set one is not known (decision 64). Not in the JSON report. */
  valuesFromSwitches?: unknown;
  valuesFromUnknown?: string;
}

/** A Flux HelmRepository: where HelmReleases that name it fetch their charts. */
export interface ChartRepository {
  file: string;
  kind: 'HelmRepository';
  name?: string;
  namespace?: string;
  url: string;
  type: 'default' | 'oci';
  span: Span;
}

/** One endpoint of a node registry mirror (Talos `machine.registries`, containerd hosts.toml). */
export interface MirrorEndpoint {
  url: string;
  overridePath?: boolean;
  span: Span;
}

/** Which endpoints a cluster's nodes pull a registry's images through. */
export interface MirrorConfig {
  file: string;
  source: 'talos' | 'containerd';
  /** The registry host being mirrored (`docker.io`), or `*` / `_default` for all. */
  host: string;
  endpoints: MirrorEndpoint[];
  /** Talos `skipFallback`: never fall back to the upstream registry. */
  skipFallback?: boolean;
  /** containerd `server`: the upstream the node falls back to. */
  server?: string;
  path: YamlPath;
  span: Span;
}

/** A host name the cluster's own registry answers on, so images pulled by that name come from the registry itself. */
export interface RegistryHost {
  file: string;
  host: string;
  /** Where it was learned: `Harbor externalURL`, `Harbor ingress host`, `Ingress to harbor-core`. */
  source: string;
  span: Span;
}

/** A Helm chart's metadata (Chart.yaml), used to explain tags that come from `appVersion`. */
export interface ChartMetadata {
  file: string;
  name?: string;
  version?: string;
  appVersion?: string;
  /** The line of `appVersion`, for provenance. */
  appVersionLine?: number;
}

export type DiagnosticCode =
  | 'invalid-yaml'
  | 'too-large'
  | 'binary'
  | 'not-utf8'
  | 'too-many-aliases'
  | 'too-deep'
  | 'template'
  | 'invalid-toml'
  | 'chart-unavailable'
  | 'tag-list-truncated'
  | 'unreadable'
  | 'duplicate-key'
  | 'internal-error';

/** Something about a whole file (or one document of it) that stopped it being read. */
export interface Diagnostic {
  file: string;
  code: DiagnosticCode;
  message: string;
  line?: number;
  col?: number;
  document?: number;
}

/** Everything extracted from one file. */
export interface FileResult {
  file: string;
  formats: FormatId[];
  occurrences: Occurrence[];
  charts: ChartRef[];
  mirrors: MirrorConfig[];
  repositories: ChartRepository[];
  /** Host names of the in-cluster registry found in this file (registry-self-pull). */
  registryHosts?: RegistryHost[];
  chartMetadata?: ChartMetadata;
  /** How this file renders others (kustomize includes, Flux substitutions, Argo value files), for effective references. */
  layers?: Layer[];
  diagnostics: Diagnostic[];
  /** What this file includes that imagepin does not read (a remote kustomize base): neutral notices, not diagnostics. */
  notFollowed?: NotFollowed[];
  /** The Helm values images under `enabled: false`, each with its notice: the effective pass makes one an occurrence again where a later values layer enables it (decision 64). */
  disabledImages?: DisabledImage[];
}

/** An image that decision 59 made a `disabled-in-values` notice, kept so that the values layers of the releases that read it can decide. */
export interface DisabledImage {
  occurrence: Occurrence;
  notice: NotFollowed;
  /** How many keys of the occurrence's path lead to its values root (`spec.values`: 2; a values file: 0). */
  prefix: number;
  /** The dotted key of that `enabled: false`, relative to the values root (`metrics.enabled`). */
  key: string;
  /** Written in a HelmRelease patch (decision 66): decided on the releases the patch selects. */
  inPatch?: boolean;
}

export type { YamlPath };
