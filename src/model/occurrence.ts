import type { ImageReference } from './reference.js';
import type { ScalarNode, Span, YamlPath } from './position.js';

/** The file formats imagepin reads; one extractor folder each. */
export type FormatId =
  | 'kubernetes'
  | 'crd'
  | 'helm-values'
  | 'flux'
  | 'argocd'
  | 'kustomize'
  | 'helmfile'
  | 'compose'
  | 'node-mirrors'
  /** Image lines of a template document that is not YAML even with its template blocks set aside. */
  | 'template'
  | 'talos'
  | 'registry-hosts';

/**
 * How an image reference is written, which tells a fixer how to rewrite it.
 * - `string`: one scalar `repo:tag@digest` (Kubernetes `image:`, compose, Helm `image: "..."`).
 * - `fields`: separate scalars for registry / repository (or `image`) / tag / digest (Helm values).
 * - `kustomize-image`: a kustomize or Flux Kustomization `images:` entry (name/newName/newTag/digest).
 * - `argocd-kustomize-image`: an Argo CD `kustomize.images` string `[name=]ref`.
 * - `helm-parameters`: Argo CD `helm.parameters` entries such as `image.repository` + `image.tag`.
 * - `oci-repository`: a Flux OCIRepository `url` + `ref.tag` / `ref.digest`.
 * - `implied`: not written as an image at all, but decided by other fields (talhelper's installer
 *   from `talosImageURL` + `talosVersion`, its Kubernetes images from `kubernetesVersion`); reported
 *   and resolved, never rewritten by a fixer.
 */
export type ShapeKind =
  | 'string'
  | 'fields'
  | 'kustomize-image'
  | 'argocd-kustomize-image'
  | 'helm-parameters'
  | 'oci-repository'
  | 'implied';

/** One part of a reference (repository, tag, ...): where it is written, exactly. */
export interface Part {
  path: YamlPath;
  /** The characters of this part alone (inside a single-string reference, a slice of the scalar). */
  span: Span;
  /** The whole scalar that holds the part. */
  node: ScalarNode;
}

export type PartName = 'image' | 'registry' | 'repository' | 'tag' | 'digest';

/** Why an occurrence cannot be resolved as written; it is reported, never guessed. */
export type SkipReason =
  | 'templated'
  | 'invalid-reference'
  | 'tag-from-chart'
  | 'tag-from-manifests';

export interface PullPolicy {
  value: string;
  path: YamlPath;
  span: Span;
}

/** The Kubernetes object (or compose service) the image runs in. */
export interface Workload {
  kind: string;
  name?: string;
  namespace?: string;
  container?: string;
}

/** The resource that deploys the image: a HelmRelease, an Argo CD Application, ... */
export interface Owner {
  kind: string;
  name?: string;
  namespace?: string;
  chart?: string;
  version?: string;
  repoURL?: string;
}

/** An unquoted tag that YAML reads as a number: `tag: 3.10` is the float 3.1. */
export interface NumericTag {
  source: string;
  asNumber: string;
}

/** Where part of an effective reference comes from. */
export interface Provenance {
  kind: 'chart-app-version' | 'kustomize-images' | 'kustomize-replacements' | 'kustomize-patch' | 'flux-patch' | 'flux-images' | 'flux-substitute' | 'argo-value-files' | 'flux-values-from' | 'flux-target-path' | 'flux-inline-values' | 'applicationset-list' | 'applicationset-git-files' | 'applicationset-git-directories';
  file: string;
  line?: number;
  path?: string;
  detail: string;
}

/** The context an effective reference runs in: an overlay, a Flux Kustomization, an Application, an ApplicationSet element. */
export interface EffectiveContext {
  kind: 'kustomization' | 'flux-kustomization' | 'argocd-application' | 'applicationset-element' | 'flux-helm-release';
  file: string;
  name?: string;
  element?: number;
  /** A Flux HelmRelease applied in several namespaces (overlays with different `targetNamespace`): the one this entry is for. */
  namespace?: string;
}

/**
 * What runs when it is not what is written: the reference as another file completes or rewrites
 * it (a chart's appVersion for a values map without a tag). The occurrence keeps the reference as
 * written; this is added beside it (docs/json-output.md, *Effective references*).
 */
export interface Effective {
  /** Absent for a chart's appVersion, which holds wherever the values file is used. */
  for?: EffectiveContext;
  reference?: ImageReference;
  raw: string;
  provenance: Provenance[];
  /** Why the effective reference is not known, when the tree does not hold what is needed. */
  unknown?: string;
}

/** One image reference found in a file. */
export interface Occurrence {
  file: string;
  format: FormatId;
  /** Index of the YAML document inside the file (0 for single-document files). */
  document: number;
  /** YAML path of the node that holds the reference: the string itself, or the map of its fields. */
  path: YamlPath;
  shape: ShapeKind;
  /** The reference as written, with its parts joined (`nginx:1.25`). */
  raw: string;
  /** The normalised reference, when it parses and is not templated. */
  reference?: ImageReference;
  skipReason?: SkipReason;
  skipDetail?: string;
  parts: Partial<Record<PartName, Part>>;
  /** Fields that are written but empty (`digest: ""`): where a fixer fills a value in. */
  slots?: Partial<Record<'tag' | 'digest', Part>>;
  pullPolicy?: PullPolicy;
  workload?: Workload;
  owner?: Owner;
  numericTag?: NumericTag;
  /** `chart-default`: the image comes (at least in part) from a chart's default values, not from this file. */
  origin?: 'chart-default';
  /** A line of a Helm chart's own `templates/` file: the chart's folder (where the Chart.yaml imagepin read is; `.` at the root). */
  helmChart?: string;
  /** The reference that runs, when another file completes or rewrites this one: one per context that differs. */
  effective?: Effective[];
  /** Why `pin` leaves this line alone: every context that runs it sets its tag or digest elsewhere (the file that decides is pinned). */
  decidedElsewhere?: string;
  /** Facts a fixer or rule needs about where the parts came from (e.g. `registry from global.imageRegistry`). */
  notes?: string[];
}

/** An OCI artifact that is not a container image (a Flux OCIRepository: a Helm chart or manifests), counted apart from images. */
export function isArtifact(occ: Occurrence): boolean {
  return occ.shape === 'oci-repository';
}
