import { dirname } from 'node:path/posix';
import type { ImagePatch, ObjectMeta, PatchImageSet } from '../../model/layers.js';
import type { Occurrence, Provenance } from '../../model/occurrence.js';
import { formatPath } from '../../model/position.js';
import { selects, type ObjectFacts, type PatchedObject } from './target.js';
import type { ValuesPatchFiles } from './values-patch.js';
import { treePath } from './tree.js';

/** The images each patch file of the tree sets, by path (RFC 6902 files from their layer, strategic-merge files from their occurrences). */
export type PatchFiles = (path: string) => PatchImageSet[] | undefined;

/** What the patches of a chain need from the rest of the tree: patch files' images, and the metadata of the object an occurrence is in. */
export interface Patching {
  files: PatchFiles;
  valueFiles: ValuesPatchFiles;
  meta: (occ: Occurrence) => ObjectMeta | undefined;
}

/** Nothing patched: no patch files, no object metadata. */
export const NO_PATCHING: Patching = { files: () => undefined, valueFiles: () => undefined, meta: () => undefined };

/** Where one run of patches is written, and what it sees of the object. */
export interface PatchRun {
  kind: 'kustomize-patch' | 'flux-patch';
  files: PatchFiles;
  provenance: Provenance[];
  /** The object's metadata as each patch field sees it (RFC 6902 patches run after the kustomization's labels). */
  facts: (field: ImagePatch['field']) => ObjectFacts;
  /** The folder patch files are relative to (the kustomization's by default). */
  dir?: string;
  /** Called after each patch: the labels and annotations it writes are seen by the patches after it. */
  wrote?: (patch: ImagePatch, object: PatchedObject) => void;
}

/** Whether the set writes this occurrence's field: the same object path (RFC 6902), or the same container list and name (strategic merge). */
function writes(set: PatchImageSet, occ: Occurrence): boolean {
  if (set.pointer) return set.pointer.length === occ.path.length && set.pointer.every((key, i) => key === occ.path[i]);
  return set.container !== undefined && occ.workload?.container === set.container && occ.path[occ.path.length - 3] === set.list && occ.path.at(-1) === 'image';
}

export interface Patched {
  raw: string;
  tagDecided: boolean;
  unknown?: string;
}

/**
 * One kustomization's (or Flux Kustomization's, or Argo CD source's) patches over a manifest's image,
 * in the order they are written. Patch files are relative to `dir` (the kustomization's folder by default).
 */
export function applyPatches(raw: string, occ: Occurrence, patches: ImagePatch[], file: string, run: PatchRun): Patched {
  const { kind, files, provenance, dir = dirname(file) } = run;
  let out = raw;
  let unknown: string | undefined;
  let tagDecided = false;
  for (const patch of patches) {
    const path = patch.file === undefined ? undefined : treePath(dir, patch.file);
    // A patch file that is not in the tree is the kustomization's diagnostic (patchDiagnostics), once.
    const sets = patch.file === undefined ? patch.sets : path === undefined ? undefined : files(path);
    for (const set of sets ?? []) {
      if (!writes(set, occ)) continue;
      const selected = selects(patch.target, { ...set, json: set.pointer !== undefined }, occ.workload ?? {}, run.facts(patch.field));
      if (selected === false) continue;
      if (typeof selected === 'string') {
        unknown ??= `${file} line ${patch.line}: ${selected}`;
        continue;
      }
      out = set.value;
      tagDecided = true;
      const where = set.file === file ? '' : ` (patch file of ${file} line ${patch.line})`;
      provenance.push({ kind, file: set.file, line: set.line, path: formatPath(set.path), detail: `${patch.field} entry sets the image${occ.workload?.container ? ` of container ${occ.workload.container}` : ''} to ${set.value}${where}` });
    }
    run.wrote?.(patch, occ.workload ?? {});
  }
  return unknown ? { raw: out, tagDecided, unknown } : { raw: out, tagDecided };
}
