import { isMap, isSeq, type Node } from 'yaml';
import type { MetadataWrites, PatchDeletes, PatchImageSet, ValuesPatch } from '../../model/layers.js';
import type { Occurrence } from '../../model/occurrence.js';
import type { YamlPath } from '../../model/position.js';
import { fromString, stringValue, type Scope } from '../common/build.js';
import { POD_SPEC_PATHS } from '../kubernetes/index.js';
import type { DocContext, Sink } from '../types.js';
import { extractValues } from '../helm-values/extract.js';
import { pointerPath } from './pointer.js';
import { jsonValues, mergeValues, writesImages } from './values-patch.js';
import { metadataWrites } from './patch-meta.js';

const LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** What one patch document writes: the images it sets (for the effective pass) and their occurrences (for `pin`). */
export interface PatchRead {
  sets: PatchImageSet[];
  occurrences: Occurrence[];
  /** What it writes under a HelmRelease's `spec.values`. */
  values?: ValuesPatch;
  /** The labels and annotations it writes. */
  meta?: MetadataWrites;
  /** A strategic-merge patch with `$patch: delete` at its top: the object it deletes. */
  deletes?: PatchDeletes;
  /** Images of a strategic-merge HelmRelease patch under an `enabled: false` the patch writes: notices, not occurrences (decision 66). */
  disabled?: Pick<Sink, 'notFollowed' | 'disabledImages'>;
}

/** The object a strategic-merge patch deletes (`$patch: delete` at its top, as kustomize reads it), else undefined. */
export function patchDeletes(ctx: DocContext, root: Node | null | undefined): PatchDeletes | undefined {
  if (!isMap(root) || ctx.view.str(root, '$patch') !== 'delete') return undefined;
  const out: PatchDeletes = {};
  const apiVersion = ctx.view.str(root, 'apiVersion');
  const kind = ctx.view.str(root, 'kind');
  const name = ctx.view.str(root, 'metadata', 'name');
  const namespace = ctx.view.str(root, 'metadata', 'namespace');
  if (apiVersion) out.apiVersion = apiVersion;
  if (kind) out.kind = kind;
  if (name) out.name = name;
  if (namespace) out.namespace = namespace;
  return out;
}

function push(ctx: DocContext, out: PatchRead, node: Node, path: YamlPath, scope: Scope, set: Omit<PatchImageSet, 'file' | 'line' | 'path' | 'value'>): void {
  const value = stringValue(ctx, node);
  const occ = fromString(ctx, node, path, scope);
  if (value === undefined || !occ) return;
  out.occurrences.push(occ);
  out.sets.push({ file: ctx.file, line: ctx.view.span(node).start.line, path, value, ...set });
}

/** A strategic-merge patch: every container image of the object's PodSpec, by container name. */
function strategicMerge(ctx: DocContext, root: Node, base: YamlPath, scope: Scope, out: PatchRead): void {
  const kind = ctx.view.str(root, 'kind');
  const name = ctx.view.str(root, 'metadata', 'name');
  const namespace = ctx.view.str(root, 'metadata', 'namespace');
  const generic: YamlPath = ['spec', 'template', 'spec'];
  const specPath = (kind ? POD_SPEC_PATHS[kind] : undefined) ?? generic;
  const spec = ctx.view.at(root, specPath);
  for (const list of LISTS) {
    for (const [index, container] of ctx.view.items(ctx.view.get(spec, list))) {
      const image = ctx.view.get(container, 'image');
      if (!image) continue;
      const containerName = ctx.view.str(container, 'name');
      const workload = { kind: kind ?? 'unknown', ...(name && { name }), ...(namespace && { namespace }), ...(containerName && { container: containerName }) };
      push(ctx, out, image, [...base, ...specPath, list, index, 'image'], { ...scope, workload }, {
        ...(kind && { kind }), ...(name && { name }), ...(namespace && { namespace }), list, ...(containerName && { container: containerName }),
      });
    }
  }
}

/** An RFC 6902 patch: `add`/`replace` ops on `…/containers/N/image`, or on `…/containers/N` with a map that has an image. */
function jsonPatch(ctx: DocContext, root: Node, base: YamlPath, scope: Scope, out: PatchRead): void {
  for (const [index, op] of ctx.view.items(root)) {
    const verb = ctx.view.str(op, 'op');
    const pointer = pointerPath(ctx.view.str(op, 'path') ?? '');
    if ((verb !== 'add' && verb !== 'replace') || !pointer) continue;
    const value = ctx.view.get(op, 'value');
    const last = pointer.length - 1;
    if (pointer[last] === 'image' && LISTS.has(String(pointer[last - 2])) && typeof pointer[last - 1] === 'number') {
      if (value) push(ctx, out, value, [...base, index, 'value'], scope, { pointer });
    } else if (LISTS.has(String(pointer[last - 1])) && isMap(value)) {
      const image = ctx.view.get(value, 'image');
      const container = ctx.view.str(value, 'name');
      // `…/containers/-` appends a container: its image is new, it overrides none (no pointer).
      const at = typeof pointer[last] === 'number' ? { pointer: [...pointer, 'image'] } : {};
      if (image) push(ctx, out, image, [...base, index, 'value', 'image'], scope, { ...at, ...(container && { container }) });
    }
  }
}

/**
 * The images written in a HelmRelease patch's values, read as the release's own values are (an
 * image map, an `image:` string). A strategic-merge patch's values (`root` given) are Helm values
 * at `spec.values`: an image under an `enabled: false` the patch writes is a notice (decision 66),
 * which the effective pass makes an occurrence again where a later layer may enable it. An RFC 6902
 * op's value is not at a known values key, so it keeps its occurrences.
 */
function valuesImages(ctx: DocContext, node: unknown, path: YamlPath, scope: Scope, out: PatchRead, root?: Node): void {
  const sink: Sink = { occurrences: [], charts: [], mirrors: [], repositories: [], registryHosts: [], diagnostics: [] };
  const name = ctx.view.str(root, 'metadata', 'name');
  const owner = root ? { kind: 'HelmRelease', ...(name && { name }) } : undefined;
  extractValues(ctx, ctx.view.map(node), path, { ...scope, ...(owner && { owner }) }, sink, { disabledAsNotices: root !== undefined });
  out.occurrences.push(...sink.occurrences);
  if (sink.disabledImages?.length) out.disabled = { notFollowed: sink.notFollowed ?? [], disabledImages: sink.disabledImages.map((d) => ({ ...d, inPatch: true })) };
}

/** The images a patch document sets: a list is RFC 6902, a map is a strategic-merge patch; anything else sets none. */
export function readPatchDoc(ctx: DocContext, root: Node | null | undefined, base: YamlPath, scope: Scope): PatchRead {
  const out: PatchRead = { sets: [], occurrences: [] };
  const values = isSeq(root) ? jsonValues(ctx, root, base) : isMap(root) ? mergeValues(ctx, root, base) : undefined;
  if (values) out.values = values;
  const meta = metadataWrites(ctx, root);
  if (meta) out.meta = meta;
  const deletes = patchDeletes(ctx, root);
  if (deletes) out.deletes = deletes;
  if (isSeq(root)) jsonPatch(ctx, root, base, scope, out);
  // A patch that only switches `enabled` keys is read for them alone (decision 64): its values are not walked for images.
  const images = values && writesImages(values);
  if (isSeq(root) && images) {
    for (const [index, op] of ctx.view.items(root)) {
      if (/^\/spec\/values(?:\/|$)/.test(ctx.view.str(op, 'path') ?? '') && ctx.view.map(ctx.view.get(op, 'value'))) valuesImages(ctx, ctx.view.get(op, 'value'), [...base, index, 'value'], scope, out);
    }
  } else if (isMap(root) && images) valuesImages(ctx, ctx.view.at(root, ['spec', 'values']), [...base, 'spec', 'values'], scope, out, root);
  else if (isMap(root)) strategicMerge(ctx, root, base, scope, out);
  return out;
}

/** An RFC 6902 patch file that writes a container image or a HelmRelease's values: a list whose items are ops with a path. */
export function isImageJsonPatch(ctx: DocContext): boolean {
  if (ctx.kind !== undefined) return false;
  const items = [...ctx.view.items(ctx.view.doc.contents)];
  return items.length > 0 && items.every(([, op]) => ctx.view.str(op, 'op') !== undefined && ctx.view.str(op, 'path') !== undefined) && items.some(([, op]) => /ontainers\/|^\/spec\/values(?:\/|$)/.test(ctx.view.str(op, 'path') ?? ''));
}
