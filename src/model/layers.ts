import type { AppSetGenerators } from './generators.js';
import type { Owner } from './occurrence.js';
import type { YamlPath } from './position.js';
import type { ArgoRawSourceLayer, KustomizationMentions } from './unlisted.js';
import type { HasSwitches, Switches, ValuesReadersLayer } from './switches.js';
import type { DeletePatchFileLayer, ImagePatch, JsonPatchFileLayer, ValuesPatch } from './patch-layers.js';

export type { PatchTarget, PatchImageSet, ValuesPatch, MetadataWrites, ImagePatch, JsonPatchFileLayer, PatchDeletes, DeletePatchFileLayer } from './patch-layers.js';

/**
 * Facts that one file records, during its one parse, about how other files are rendered: which
 * files a kustomization includes, what a Flux Kustomization substitutes, which values files an
 * Argo CD Application layers. The effective-reference pass (src/engine/effective) joins them with
 * the occurrences afterwards, so no file is read twice.
 */
export type Layer = KustomizationLayer | FluxKustomizationLayer | ConfigDataLayer | ArgoHelmLayer | ValueLeavesLayer | HelmReleaseLayer | JsonPatchFileLayer | ObjectMetaLayer | ArgoRawSourceLayer | ValuesReadersLayer | DeletePatchFileLayer;

/** A written value and where: enough for provenance. */
export interface Located {
  value: string;
  line: number;
  path: YamlPath;
}

/** One kustomize `images:` entry (also Flux `spec.images`). */
export interface ImageRewrite {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  path: YamlPath;
  line: number;
}

/** Where a kustomize `replacements:` entry writes: objects selected by kind and name, fields by path. */
export interface ReplacementTarget {
  kind?: string;
  name?: string;
  fieldPaths: string[];
  delimiter?: string;
  index?: number;
}

/** One kustomize `replacements:` entry, with its source value when this kustomization generates it. */
export interface ImageReplacement {
  path: YamlPath;
  line: number;
  /** The source as written (`ConfigMap karakeep-configuration data.VERSION`), for provenance. */
  source: string;
  /** The value, when the source is a literal of this kustomization's `configMapGenerator`. */
  value?: string;
  /** Otherwise: why the tree does not say. */
  unknown?: string;
  targets: ReplacementTarget[];
}

/** A kustomization.yaml: what it includes (resources, bases, components) and how it rewrites images. */
export interface KustomizationLayer extends KustomizationMentions {
  kind: 'kustomization';
  file: string;
  includes: Located[];
  images: ImageRewrite[];
  /** `replacements:` entries that target a field whose path names an image. */
  replacements?: ImageReplacement[];
  /** `configMapGenerator` entries (a HelmRelease's `valuesFrom` may name one). */
  configMaps?: GeneratedConfigMap[];
  /** `secretGenerator` entries, read alike (their values may be SOPS-encrypted, which Flux decrypts and imagepin does not). */
  secrets?: GeneratedConfigMap[];
  /** `patchesStrategicMerge:`, `patches:` and `patchesJson6902:` entries, in the order kustomize runs them. */
  patches?: ImagePatch[];
  /** `namespace:`: set on every object it builds, over the namespace they write (kustomize's namespace transformer). */
  namespace?: string;
  /** `namePrefix:` / `nameSuffix:`: added to every object's name it builds (after its strategic-merge patches and `patches`, before `patchesJson6902`). */
  namePrefix?: string;
  nameSuffix?: string;
  /** The labels (`commonLabels`, `labels[].pairs`) and annotations (`commonAnnotations`) it adds, when a patch target may select by them. */
  adds?: MetadataAdds;
}

/** Labels and annotations a kustomization writes onto every object it builds (Flux's `spec.commonMetadata` is set after the build, so no patch selects by it). */
export interface MetadataAdds {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Why what it adds cannot be read (a templated key, a value that is no scalar). */
  unknown?: string;
}

/** The metadata a patch target selects by, of one object that holds images (a workload; a HelmRelease), by its document and path. */
export interface ObjectMeta {
  document: number;
  /** The object's path in its document: `[]`, or `['items', N]` in a List. */
  base: YamlPath;
  apiVersion?: string;
  kind?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Why the labels or annotations cannot be read (not a map, a value that is no scalar). */
  unknown?: string;
  /** A HelmRelease without a chart (a strategic-merge patch): its `spec.values` as it writes them; and whether it has `valuesFrom`. */
  values?: ValuesPatch;
  valuesFrom?: boolean;
  /** A HelmRelease with a chart and values: its values are not kept (a patch file holds no chart); its name, for a patch entry that names the file. */
  chartValues?: boolean;
  /** Why a HelmRelease without a chart (a strategic-merge patch) may change images imagepin cannot read: it sets `spec.valuesFrom` but no image value. */
  unreadPatch?: string;
  name?: string;
  namespace?: string;
}

/** The objects of one file that a patch target may select by group, version, labels or annotations. */
export interface ObjectMetaLayer {
  kind: 'object-meta';
  file: string;
  objects: ObjectMeta[];
}

/** One `configMapGenerator` entry: its keys from `files:` (tree paths) and `literals:`. */
export interface GeneratedConfigMap {
  name: string;
  namespace?: string;
  line: number;
  /** Key to the file's tree path (`values.yaml=helm-values.yaml`, or the file's base name). */
  files: Record<string, Located>;
  literals: Record<string, Located>;
  /** `envs:` files (and the older `env:`), paths as written: `KEY=VALUE` lines, read after the scan (src/engine/generator-files.ts). */
  envs?: Located[];
  /** `disableNameSuffixHash: true` (the entry's `options` or the kustomization's `generatorOptions`), or `configurations:` written (which may rewrite references to the hashed name). */
  unhashed: boolean;
  configurations: boolean;
}

/** A Flux Kustomization: the folder it builds, its images and its post-build substitutions. */
export interface FluxKustomizationLayer {
  kind: 'flux-kustomization';
  file: string;
  name?: string;
  namespace?: string;
  line: number;
  path?: string;
  images: ImageRewrite[];
  /** `spec.patchesStrategicMerge`, `spec.patches`, `spec.patchesJson6902` (inline), applied before `spec.images`. */
  patches?: ImagePatch[];
  substitute: Record<string, Located>;
  substituteFrom: { kind: string; name: string; optional: boolean; line: number }[];
  /** `spec.targetNamespace`: set on every object it applies, over any kustomization's `namespace:`. */
  targetNamespace?: string;
}

/** A ConfigMap's string data, or a Secret's name alone (its values are not read). */
export interface ConfigDataLayer {
  kind: 'config-data';
  file: string;
  objectKind: 'ConfigMap' | 'Secret';
  name: string;
  namespace?: string;
  data: Record<string, Located>;
  document?: number;
  /** For `data` keys named like a values file (`values.yaml`), the leaves of the YAML inside (as `ValueLeavesLayer.leaves`). */
  values?: Record<string, Record<string, Located>>;
  valueSwitches?: Record<string, Switches>; // the `enabled` keys of those values (decision 64)
}

/** An Argo CD Application source with `helm.valueFiles`, `helm.parameters` or `kustomize.images`, or any ApplicationSet (with its generators). */
export interface ArgoHelmLayer {
  kind: 'argo-helm';
  file: string;
  document: number;
  name?: string;
  line: number;
  /** The source's `path` in the repository, and its `ref` (for `$ref/` value files of multi-source Applications). */
  path?: string;
  refs: Record<string, string>;
  /** A git source's `repoURL` as written (absent for a chart source: its repoURL is a Helm repository); `refRepoURLs`, each `ref` source's. */
  repoURL?: string;
  refRepoURLs?: Record<string, string>;
  valueFiles: Located[];
  inlineSwitches?: Switches; // the `enabled` keys of `helm.valuesObject` (else `helm.values`), over every values file (decision 64)
  /** `helm.parameters`: dotted value names that win over every values file. */
  parameters: (Located & { name: string })[];
  /** `kustomize.images`: rewrites applied over the kustomization at `path`. */
  kustomizeImages?: ImageRewrite[];
  /** `kustomize.patches`: patches applied over the kustomization at `path`, before `kustomize.images`. */
  kustomizePatches?: ImagePatch[];
  /** An ApplicationSet's generators (src/model/generators.ts), evaluated after the scan. */
  set?: AppSetGenerators;
  /** Set on the Applications the effective pass makes from an ApplicationSet: the element's index. */
  element?: number;
  /** An ApplicationSet source that only some top-level generators' Applications get (their own `template:`, decision 0047); absent: all. */
  generators?: number[];
}

/** The scalar leaves of a values file under image-like keys, by dotted path: what a later values file overrides. */
export interface ValueLeavesLayer extends HasSwitches {
  kind: 'value-leaves';
  file: string;
  leaves: Record<string, Located>;
}

/** One `spec.valuesFrom` entry of a HelmRelease. */
export interface ValuesFromEntry {
  kind: string;
  name: string;
  valuesKey: string;
  targetPath?: string;
  optional: boolean;
  /** `literal: true`: the value as written (Helm `--set-literal`), where the helm-controller reads that field. */
  literal?: boolean;
  line: number;
}

/** A Flux HelmRelease with `spec.valuesFrom`: its entries in order, and the image leaves of its inline `spec.values` (merged last). */
export interface HelmReleaseLayer {
  kind: 'flux-helm-release';
  file: string;
  document: number;
  name?: string;
  namespace?: string;
  line: number;
  valuesFrom: ValuesFromEntry[];
  /** The release as the owner of its images (kind, name, namespace, chart, version), given to the images of the values it reads. */
  owner: Owner;
  /** Leaves under image-like keys of `spec.values`, by dotted path relative to `spec.values`. */
  inline: Record<string, Located>;
  inlineSwitches?: Switches; // the `enabled` keys of `spec.values` (decision 64)
}
