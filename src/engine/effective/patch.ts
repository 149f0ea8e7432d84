import { dirname } from 'node:path/posix';
import type { ImagePatch, PatchImageSet, PatchTarget } from '../../model/layers.js';
import type { Occurrence, Provenance } from '../../model/occurrence.js';
import { formatPath } from '../../model/position.js';
import { treePath } from './tree.js';

/** The images each patch file of the tree sets, by path (RFC 6902 files from their layer, strategic-merge files from their occurrences). */
export type PatchFiles = (path: string) => PatchImageSet[] | undefined;

const REGEX = /[\\^$*+?()[\]{}|]/;

/** A name against a target field (a regular expression to kustomize): true, false, or why it cannot be told. */
function nameMatches(pattern: string, value: string | undefined, what: string): boolean | string {
  if (REGEX.test(pattern)) return `the patch target's ${what} ${pattern} is a regular expression, which imagepin does not evaluate`;
  if (value === undefined) return `the workload has no ${what} written, so whether the patch target's ${what} ${pattern} selects it is not known`;
  return pattern === value || (pattern.includes('.') && new RegExp(`^${pattern}$`).test(value));
}

/** Whether a patch's object (its `target:`, else the strategic-merge patch's own kind and name) is the occurrence's workload. */
function selects(target: PatchTarget | undefined, set: PatchImageSet, occ: Occurrence): boolean | string {
  const wanted: PatchTarget = target ?? { ...(set.kind && { kind: set.kind }), ...(set.name && { name: set.name }), ...(set.namespace && { namespace: set.namespace }) };
  if (!target && set.pointer) return 'the RFC 6902 patch has no target, which kustomize needs to know what it patches';
  if (!target && (!set.kind || !set.name)) return 'the strategic-merge patch names no kind and name and has no target, so what it patches is not known';
  const checks = (['kind', 'name', 'namespace'] as const).filter((k) => wanted[k] !== undefined).map((k) => nameMatches(wanted[k]!, occ.workload?.[k], k));
  if (checks.includes(false)) return false;
  const reason = checks.find((c): c is string => typeof c === 'string');
  if (reason) return reason;
  if (wanted.labelSelector || wanted.annotationSelector) return `the patch target selects by ${wanted.labelSelector ? `labelSelector ${wanted.labelSelector}` : `annotationSelector ${wanted.annotationSelector ?? ''}`}, and imagepin does not record workloads' labels or annotations`;
  return true;
}

/** Whether the set writes this occurrence's field: the same object path (RFC 6902), or the same container list and name (strategic merge). */
function writes(set: PatchImageSet, occ: Occurrence): boolean {
  if (set.pointer) return set.pointer.length === occ.path.length && set.pointer.every((key, i) => key === occ.path[i]);
  return set.container !== undefined && occ.workload?.container === set.container && occ.path[occ.path.length - 3] === set.list;
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
export function applyPatches(raw: string, occ: Occurrence, patches: ImagePatch[], file: string, kind: 'kustomize-patch' | 'flux-patch', files: PatchFiles, provenance: Provenance[], dir = dirname(file)): Patched {
  let out = raw;
  let unknown: string | undefined;
  let tagDecided = false;
  for (const patch of patches) {
    const path = patch.file === undefined ? undefined : treePath(dir, patch.file);
    // A patch file that is not in the tree is the kustomization's diagnostic (patchDiagnostics), once.
    const sets = patch.file === undefined ? patch.sets : path === undefined ? undefined : files(path);
    for (const set of sets ?? []) {
      if (!writes(set, occ)) continue;
      const selected = selects(patch.target, set, occ);
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
  }
  return unknown ? { raw: out, tagDecided, unknown } : { raw: out, tagDecided };
}
