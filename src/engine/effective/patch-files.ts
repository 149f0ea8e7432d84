import { dirname } from 'node:path/posix';
import type { Diagnostic, FileResult } from '../../model/file-result.js';
import type { Occurrence } from '../../model/occurrence.js';
import type { ImagePatch, Layer, ObjectMeta, PatchImageSet, ValuesPatch } from '../../model/layers.js';
import type { PatchFiles } from './patch.js';
import type { UnreadValues, ValuesPatchFiles } from './values-patch.js';
import { treePath } from './tree.js';

const SMP_NOTE = 'this file is a strategic-merge patch: it sets the image of the object it names where the kustomization that lists it is built, it is not a workload of its own';
const RELEASE_NOTE = 'this file is a strategic-merge patch: it sets the values of the HelmRelease it names where the kustomization that lists it is built, it is not a release of its own';

/** A strategic-merge patch file's images, from what the kubernetes extractor found in it (by container, as the patch merges). */
function fromOccurrences(occurrences: Occurrence[]): PatchImageSet[] {
  return occurrences.flatMap((occ): PatchImageSet[] => {
    const line = occ.parts.image?.span.start.line;
    const list = occ.path[occ.path.length - 3];
    // Only a container's `image`: an env value or argument in a patch is merged by its name or replaces a whole list, which this set does not model.
    if (occ.format !== 'kubernetes' || occ.shape !== 'string' || line === undefined || typeof list !== 'string' || occ.path.at(-1) !== 'image') return [];
    const w = occ.workload;
    return [{ file: occ.file, line, path: occ.path, value: occ.raw, list, ...(w?.kind && w.kind !== 'unknown' && { kind: w.kind }), ...(w?.name && { name: w.name }), ...(w?.namespace && { namespace: w.namespace }), ...(w?.container && { container: w.container }) }];
  });
}

/** What names patch files, and the folder they are relative to: kustomizations, Flux Kustomizations, Argo CD Applications' `kustomize.patches` (relative to the source's path). */
export function patchNamers(layers: Layer[], held: (dir: string) => boolean): { file: string; dir: string; patches: ImagePatch[] }[] {
  return layers.flatMap((layer) => {
    if ((layer.kind === 'kustomization' || layer.kind === 'flux-kustomization') && layer.patches) return [{ file: layer.file, dir: dirname(layer.file), patches: layer.patches }];
    const dir = layer.kind === 'argo-helm' && !layer.set && layer.path !== undefined ? treePath('.', layer.path) : undefined;
    // An Application whose path the tree does not hold may deploy another repository: its patch files are not looked for.
    return layer.kind === 'argo-helm' && layer.kustomizePatches && dir !== undefined && held(dir) ? [{ file: layer.file, dir, patches: layer.kustomizePatches }] : [];
  });
}

/** The files of the scan as the effective pass sees them: their names, and each file's occurrences and diagnostics when asked. */
export interface HeldFiles {
  files: readonly string[];
  /** A file's occurrences as extracted (the scan in memory hands out its own; the streamed scan reads them back). */
  occurrencesOf(file: string): Occurrence[] | undefined;
  /** The list a diagnostic of this file is added to. */
  diagnosticsOf(file: string): Diagnostic[] | undefined;
}

/** The held files of results in memory. */
export function heldResults(results: FileResult[]): HeldFiles {
  const byFile = new Map(results.map((r) => [r.file, r]));
  return { files: results.map((r) => r.file), occurrencesOf: (file) => byFile.get(file)?.occurrences, diagnosticsOf: (file) => byFile.get(file)?.diagnostics };
}

export interface PatchFileIndex {
  lookup: PatchFiles;
  /** The strategic-merge patch files: their kubernetes occurrences are noted as a patch's (`markPatchFile`). */
  strategicMerge: Set<string>;
}

/**
 * The patch files the kustomizations and Flux Kustomizations name, joined with their own results:
 * an RFC 6902 file's images come from its layer, a strategic-merge file's from its occurrences
 * (which are noted as a patch's, by `markPatchFile`). A patch file the scan does not hold is a
 * diagnostic of the kustomization that names it: what it sets is not known.
 */
export function patchFiles(layers: Layer[], held: HeldFiles): PatchFileIndex {
  const files = new Set(held.files);
  const json = new Map<string, PatchImageSet[]>();
  for (const layer of layers) if (layer.kind === 'json-patch-file') json.set(layer.file, [...(json.get(layer.file) ?? []), ...layer.sets]);
  const cache = new Map<string, PatchImageSet[] | undefined>();
  const lookup: PatchFiles = (path) => {
    if (!cache.has(path)) {
      const occurrences = files.has(path) ? held.occurrencesOf(path) : undefined;
      cache.set(path, json.get(path) ?? (occurrences ? fromOccurrences(occurrences) : undefined));
    }
    return cache.get(path);
  };
  const inTree = (dir: string): boolean => dir === '.' || held.files.some((f) => f.startsWith(`${dir}/`));
  const strategicMerge = new Set<string>();
  for (const { file, dir, patches } of patchNamers(layers, inTree)) {
    const owner = files.has(file) ? held.diagnosticsOf(file) : undefined;
    for (const patch of patches) {
      if (patch.file === undefined) continue;
      const path = treePath(dir, patch.file);
      if (path === undefined || !files.has(path)) {
        const message = `patch file ${patch.file} is ${path === undefined ? 'outside the tree' : 'not among the files read'}, so the images it may set are not known`;
        // An ApplicationSet's elements name the same patch file: one diagnostic.
        if (!owner?.some((d) => d.line === patch.line && d.message === message)) owner?.push({ file, code: 'unreadable', line: patch.line, message });
        continue;
      }
      if (!json.has(path)) strategicMerge.add(path);
    }
  }
  return { lookup, strategicMerge };
}

/** Notes the occurrences of a strategic-merge patch file (a workload's, a HelmRelease's) as a patch's, not objects of their own. */
export function markPatchFile(occurrences: Occurrence[]): void {
  for (const occ of occurrences) {
    const note = occ.format === 'kubernetes' ? SMP_NOTE : occ.format === 'flux' && occ.owner?.kind === 'HelmRelease' ? RELEASE_NOTE : undefined;
    if (note && !occ.notes?.includes(note)) occ.notes = [...(occ.notes ?? []), note];
  }
}

/** The metadata of the object each occurrence is in (its file's `object-meta` layer: same document, the object's path a prefix of the occurrence's). */
export function objectMetas(layers: Layer[]): (occ: Occurrence) => ObjectMeta | undefined {
  const byFile = new Map<string, ObjectMeta[]>();
  for (const layer of layers) if (layer.kind === 'object-meta') byFile.set(layer.file, [...(byFile.get(layer.file) ?? []), ...layer.objects]);
  return (occ) => byFile.get(occ.file)?.find((m) => m.document === occ.document && m.base.every((key, i) => occ.path[i] === key));
}

/** What each HelmRelease patch file writes under `spec.values`: an RFC 6902 file's from its layer, a strategic-merge file's from its HelmRelease's metadata. */
export function valuesPatchFiles(layers: Layer[]): ValuesPatchFiles {
  const byFile = new Map<string, ValuesPatch | UnreadValues>();
  for (const layer of layers) {
    if (byFile.has(layer.file)) continue;
    if (layer.kind === 'json-patch-file' && layer.values) byFile.set(layer.file, layer.values);
    if (layer.kind !== 'object-meta') continue;
    const release = layer.objects.find((o) => o.values || o.chartValues || o.unreadPatch);
    if (release?.values) byFile.set(layer.file, release.values);
    else if (release?.unreadPatch) byFile.set(layer.file, { json: false, kind: 'HelmRelease', ...(release.name && { name: release.name }), ...(release.namespace && { namespace: release.namespace }), unread: release.unreadPatch });
    else if (release) byFile.set(layer.file, { json: false, kind: 'HelmRelease', ...(release.name && { name: release.name }), ...(release.namespace && { namespace: release.namespace }), unread: `the patch file ${layer.file} is a HelmRelease with a chart, whose values imagepin reads as a release of its own, not as a patch` });
  }
  return (path) => byFile.get(path);
}
