import type { Located } from './layers.js';
import type { YamlPath } from './position.js';
import type { HasSwitches } from './switches.js';

// The patches of kustomizations and Flux Kustomizations that write images, split from layers.ts (which re-exports them).

/** What a patch's `target:` selects (group, version, kind, name and namespace are regular expressions to kustomize, anchored whole). */
export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** One image a patch writes: a strategic-merge container (by name) or an RFC 6902 op on an image path. */
export interface PatchImageSet {
  /** The file the value is written in (the kustomization for an inline patch, else the patch file). */
  file: string;
  line: number;
  path: YamlPath;
  value: string;
  /** Strategic merge: the object the patch names, and the container by its merge key. */
  kind?: string;
  name?: string;
  namespace?: string;
  list?: string;
  container?: string;
  /** RFC 6902: the object path the op writes (`spec.template.spec.containers.0.image` as segments). */
  pointer?: YamlPath;
}

/** What a patch writes under a Flux HelmRelease's `spec.values`, by dotted key relative to it (`image.tag`). */
export interface ValuesPatch extends HasSwitches {
  file: string;
  /** An RFC 6902 patch names no object; a strategic-merge patch names its kind, name and namespace. */
  json: boolean;
  kind?: string;
  name?: string;
  namespace?: string;
  /** The image-like leaves it writes (`repository`, `tag`, `image`, ...), where they are written. */
  leaves: Record<string, Located>;
  /** Keys whose whole value it replaces or removes (`''`: all of `spec.values`): what is under them and not in `leaves` is gone. */
  cleared: { key: string; line: number }[];
}

/** What a patch writes under `metadata.labels` / `annotations`, and what it names itself (a strategic-merge patch's kind and name). */
export interface MetadataWrites {
  own: { json: boolean; kind?: string; name?: string; namespace?: string };
  labels: Record<string, string | null>;
  annotations: Record<string, string | null>;
  /** Why what it writes there cannot be read (a whole map replaced, a value that is no scalar, move/copy). */
  unknown?: string;
}

/** One patch entry of a kustomization or Flux Kustomization that is (or may be) about images. */
export interface ImagePatch {
  /** Where it is written: a kustomization's field, a Flux Kustomization's `spec.` field, an Argo CD source's `kustomize.patches`. */
  field: 'patches' | 'patchesStrategicMerge' | 'patchesJson6902' | 'spec.patches' | 'spec.patchesStrategicMerge' | 'spec.patchesJson6902' | 'kustomize.patches';
  line: number;
  path: YamlPath;
  /** A patch file (`path:`), as written; its images are read from that file's own result. */
  file?: string;
  target?: PatchTarget;
  /** The images an inline patch sets. */
  sets: PatchImageSet[];
  /** What an inline patch writes under a HelmRelease's `spec.values`. */
  values?: ValuesPatch;
  /** The labels and annotations an inline patch writes (`null`: removed), which later patches' selectors see. */
  meta?: MetadataWrites;
  /** Why an inline patch could not be read. */
  unknown?: string;
  /** An inline strategic-merge patch with `$patch: delete` at its top: the object it deletes (decision 0067). */
  deletes?: PatchDeletes;
}

/** The object a strategic-merge patch with `$patch: delete` at its top names (kustomize removes it from the build). */
export interface PatchDeletes {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

/** A patch file's documents that are `$patch: delete` patches, read in its own parse (decision 0067). */
export interface DeletePatchFileLayer {
  kind: 'delete-patch-file';
  file: string;
  deletes: PatchDeletes[];
}

/** An RFC 6902 patch file (a list of ops) that writes images: read in its own parse, joined to the kustomization that names it. */
export interface JsonPatchFileLayer {
  kind: 'json-patch-file';
  file: string;
  sets: PatchImageSet[];
  values?: ValuesPatch;
}
