import { isMap, isSeq, type Node } from 'yaml';
import type { Diagnostic, DisabledImage } from '../../model/file-result.js';
import type { NotFollowed } from '../../model/not-followed.js';
import type { ImagePatch, PatchTarget } from '../../model/layers.js';
import type { Occurrence } from '../../model/occurrence.js';
import type { YamlPath } from '../../model/position.js';
import { embeddedYaml } from '../../yaml/embedded.js';
import type { Scope } from '../common/build.js';
import type { DocContext, Sink } from '../types.js';
import { readPatchDoc, type PatchRead } from './patch-doc.js';

const NOTE = 'written in a patch: it sets the image of the object the patch targets, it is not a workload of its own';

/** What the patch entries of one kustomization (or Flux Kustomization) hold: the layer's entries and the occurrences to report. */
export interface PatchEntries {
  patches: ImagePatch[];
  occurrences: Occurrence[];
  diagnostics: Diagnostic[];
  /** Images of HelmRelease patches under an `enabled: false` the patch writes, with their notices (decision 66). */
  notFollowed: NotFollowed[];
  disabledImages: DisabledImage[];
}

/** What patch entries give the file's result: their occurrences, diagnostics, and notices of disabled images. */
export function sinkPatches(sink: Sink, patches: PatchEntries): void {
  sink.occurrences.push(...patches.occurrences);
  sink.diagnostics.push(...patches.diagnostics);
  if (patches.disabledImages.length) {
    (sink.notFollowed ??= []).push(...patches.notFollowed);
    (sink.disabledImages ??= []).push(...patches.disabledImages);
  }
}

function take(read: PatchRead, entry: ImagePatch, out: PatchEntries): void {
  entry.sets = read.sets;
  if (read.values) entry.values = read.values;
  if (read.meta) entry.meta = read.meta;
  if (read.deletes) entry.deletes = read.deletes;
  out.occurrences.push(...read.occurrences);
  out.notFollowed.push(...(read.disabled?.notFollowed ?? []));
  out.disabledImages.push(...(read.disabled?.disabledImages ?? []));
}

function targetOf(ctx: DocContext, node: Node | null | undefined): PatchTarget | undefined {
  if (!node) return undefined;
  const target: PatchTarget = {};
  for (const key of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const value = ctx.view.str(node, key);
    if (value) target[key] = value;
  }
  return target;
}

/** An inline patch: a string read as the YAML it holds with positions in the file, or (Flux v1beta2) the patch written as YAML itself. */
function inline(ctx: DocContext, node: Node, path: YamlPath, scope: Scope, entry: ImagePatch, out: PatchEntries): void {
  if (isMap(node) || isSeq(node)) {
    take(readPatchDoc(ctx, node, path, scope), entry, out);
    return;
  }
  const inner = embeddedYaml(ctx.view, ctx.file, node);
  out.diagnostics.push(...inner.diagnostics);
  if (!inner.view) {
    entry.unknown = `${ctx.file} line ${entry.line}: the inline patch is not readable YAML, so what it sets is not known`;
    return;
  }
  take(readPatchDoc({ ...ctx, view: inner.view }, inner.view.doc.contents, path, scope), entry, out);
}

/**
 * Every patch entry under `fields` of `root` (kustomization `patchesStrategicMerge`, `patches`,
 * `patchesJson6902` in the order kustomize runs them; Flux `spec.` ones; Argo CD `kustomize.patches`):
 * inline patches are read where they are written, patch files are named for the effective pass to
 * join with their own result. The key read is the field's last segment.
 */
export function patchEntries(ctx: DocContext, root: Node | null | undefined, base: YamlPath, fields: ImagePatch['field'][], scope: Scope): PatchEntries {
  const out: PatchEntries = { patches: [], occurrences: [], diagnostics: [], notFollowed: [], disabledImages: [] };
  const noted: Scope = { ...scope, notes: [...(scope.notes ?? []), NOTE] };
  for (const field of fields) {
    const key = field.slice(field.lastIndexOf('.') + 1);
    for (const [index, item] of ctx.view.items(ctx.view.get(root, key))) {
      if (!item) continue;
      const path = [...base, key, index];
      const entry: ImagePatch = { field, line: ctx.view.span(item).start.line, path, sets: [] };
      out.patches.push(entry);
      if (key === 'patchesStrategicMerge') {
        // Flux v1beta2 writes the patch object itself.
        if (isMap(item)) {
          inline(ctx, item, path, noted, entry, out);
          continue;
        }
        // A string item is a file name, unless it holds a YAML object of its own (kustomize takes both).
        const text = ctx.view.string(item) ?? '';
        if (/[\n:]/.test(text.trim())) inline(ctx, item, path, noted, entry, out);
        // Flux has no patch files: a string that is no YAML object sets nothing there.
        else if (text.trim() && !field.startsWith('spec.')) entry.file = text.trim();
        continue;
      }
      const target = targetOf(ctx, ctx.view.get(item, 'target'));
      if (target) entry.target = target;
      const file = ctx.view.str(item, 'path');
      const patch = ctx.view.get(item, 'patch');
      if (file) entry.file = file;
      else if (patch) inline(ctx, patch, [...path, 'patch'], noted, entry, out);
    }
  }
  return out;
}

/** The kustomization fields of patches, in the order kustomize runs their transformers. */
export const KUSTOMIZE_PATCH_FIELDS: ImagePatch['field'][] = ['patchesStrategicMerge', 'patches', 'patchesJson6902'];

/** A Flux Kustomization's patch fields (v1beta2's two legacy ones beside `patches`), in the order of the kustomization Flux generates. */
export const FLUX_PATCH_FIELDS: ImagePatch['field'][] = ['spec.patchesStrategicMerge', 'spec.patches', 'spec.patchesJson6902'];
