import { dirname } from 'node:path/posix';
import type { ImagePatch, Layer, ObjectMeta, PatchDeletes } from '../../model/layers.js';
import { notFollowedText, type NotFollowed } from '../../model/not-followed.js';
import type { Occurrence } from '../../model/occurrence.js';
import type { Span } from '../../model/position.js';
import { selects } from './target.js';
import { treePath, type Chain } from './tree.js';

/** Where a kustomization deletes an object: the kustomization file and its patch entry's line. */
interface Deleter {
  file: string;
  line: number;
}

/** The objects `$patch: delete` patches remove from the builds of the tree (decision 0067). */
export interface DeletedPass {
  /**
   * Removes, in place, the occurrences of each object that every chain building the file deletes
   * (only when `closed`: the tree holds every way the file is built), and returns their notices;
   * an object that only some chains delete keeps its occurrences, with a note per deleting kustomization.
   */
  apply(result: { file: string; occurrences: Occurrence[] }, chains: readonly Chain[], closed: boolean): NotFollowed[];
}

const NO_SPAN: Span = { start: { line: 1, col: 1, offset: 0 }, end: { line: 1, col: 1, offset: 0 } };
const where = (d: Deleter): string => `${d.file} line ${d.line}`;

/**
 * Whether the delete patch surely removes the object, as kustomize selects: by its `target:` (group,
 * version, kind, name, namespace; a label or annotation selector is not evaluated here, since the
 * labels an object has by then are not all known), else by the patch's own apiVersion, kind, name
 * and namespace against the object's as written. Anything not known is no deletion (fail closed).
 */
function deletes(patch: ImagePatch, del: PatchDeletes, occ: Occurrence, meta: ObjectMeta | undefined): boolean {
  const object = occ.workload;
  if (!meta?.apiVersion || object?.name === undefined) return false;
  const facts = { apiVersion: meta.apiVersion, labels: {}, annotations: {} };
  if (patch.target) {
    if (patch.target.labelSelector || patch.target.annotationSelector) return false;
    return selects(patch.target, { json: false }, object, facts) === true;
  }
  if (del.apiVersion !== meta.apiVersion) return false;
  return selects(undefined, { json: false, ...del }, object, facts) === true;
}

/** The delete patches of the tree: inline ones are on their entries; a patch file's come from its own layer. Undefined when there are none. */
export function deletedObjects(layers: readonly Layer[], meta: (occ: Occurrence) => ObjectMeta | undefined): DeletedPass | undefined {
  const files = new Map<string, PatchDeletes[]>();
  for (const layer of layers) if (layer.kind === 'delete-patch-file') files.set(layer.file, [...(files.get(layer.file) ?? []), ...layer.deletes]);
  const inline = layers.some((l) => l.kind === 'kustomization' && l.patches?.some((p) => p.deletes));
  if (files.size === 0 && !inline) return undefined;
  // Only kustomizations' patches: a Flux Kustomization's or an Application's delete patch is not followed (the occurrence stays).
  const deleterIn = (chain: Chain, occ: Occurrence): Deleter | undefined => {
    const objectMeta = meta(occ);
    for (const k of chain.kustomizations) {
      for (const patch of k.patches ?? []) {
        const path = patch.file === undefined ? undefined : treePath(dirname(k.file), patch.file);
        const candidates = patch.deletes ? [patch.deletes] : path === undefined ? [] : files.get(path) ?? [];
        if (candidates.some((d) => deletes(patch, d, occ, objectMeta))) return { file: k.file, line: patch.line };
      }
    }
    return undefined;
  };
  return {
    apply(result, chains, closed) {
      if (chains.length === 0) return [];
      const notices = new Map<string, NotFollowed>();
      const kept: Occurrence[] = [];
      for (const occ of result.occurrences) {
        if (occ.format !== 'kubernetes' && occ.format !== 'crd') {
          kept.push(occ);
          continue;
        }
        const found = chains.map((c) => deleterIn(c, occ));
        const deleters = [...new Map(found.filter((d): d is Deleter => d !== undefined).map((d) => [where(d), d])).values()];
        if (deleters.length === 0) {
          kept.push(occ);
          continue;
        }
        if (!closed || found.includes(undefined)) {
          const notes = deleters.map((d) => `${where(d)} deletes this object (\`$patch: delete\`): it is not deployed where ${d.file} is built`);
          occ.notes = [...(occ.notes ?? []), ...notes.filter((n) => !occ.notes?.includes(n))];
          kept.push(occ);
          continue;
        }
        const w = occ.workload!;
        const object = `${w.kind} ${w.name}`;
        const key = `${occ.document}\u0000${object}\u0000${w.namespace ?? ''}`;
        if (notices.has(key)) continue;
        const span = Object.values(occ.parts)[0]?.span ?? NO_SPAN;
        const deletedBy = deleters.map(where);
        const notice: NotFollowed = { file: result.file, code: 'deleted-by-patch', url: deleters[0]!.file, field: 'patches', document: occ.document, path: [], span, object, deletedBy, message: '' };
        notice.message = notFollowedText(notice, `${result.file}:${span.start.line}`);
        notices.set(key, notice);
      }
      if (kept.length !== result.occurrences.length) result.occurrences.splice(0, result.occurrences.length, ...kept);
      return [...notices.values()];
    },
  };
}
