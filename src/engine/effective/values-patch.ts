import type { ImagePatch, ObjectMeta, ValuesPatch } from '../../model/layers.js';
import type { Occurrence, PartName, Provenance } from '../../model/occurrence.js';
import { formatPath } from '../../model/position.js';
import { keysOf, written } from './argo.js';
import type { PatchRun } from './patch.js';
import { selects, type PatchOwn } from './target.js';
import { treePath } from './tree.js';
import { dirname } from 'node:path/posix';

/** The values each HelmRelease patch file writes, by path (RFC 6902 files from their layer, strategic-merge files from their object's metadata). */
export type ValuesPatchFiles = (path: string) => ValuesPatch | UnreadValues | undefined;

/** A HelmRelease patch file whose values were not kept (it names a chart, like a release of its own): what it writes is not known. */
export interface UnreadValues extends PatchOwn {
  unread: string;
}

/** An image in a Flux HelmRelease's own `spec.values`: what a patch of the release may rewrite. */
export function isReleaseValues(occ: Occurrence, meta: ObjectMeta | undefined): boolean {
  return occ.format === 'flux' && meta?.kind === 'HelmRelease' && occ.path[0] === 'spec' && occ.path[1] === 'values' && (occ.shape === 'string' || occ.shape === 'fields');
}

/** The parts of a release's image as written, by name, with the dotted key (relative to `spec.values`) each is read from. */
export function releaseParts(occ: Occurrence): { keys: Map<PartName, string>; values: Map<PartName, string> } {
  const keys = keysOf(occ, 2);
  const values = new Map<PartName, string>();
  for (const name of keys.keys()) {
    const value = written(occ, name);
    if (value !== undefined) values.set(name, value);
  }
  return { keys, values };
}

const under = (key: string, cleared: string): boolean => cleared === '' || key === cleared || key.startsWith(`${cleared}.`);

export interface ValuesPatched {
  changed: boolean;
  tagDecided: boolean;
  unknown?: string;
}

/**
 * One kustomization's (or Flux Kustomization's, or Argo CD source's) patches over the image parts of a
 * HelmRelease's values, in order: each patch that selects the release first removes what it replaces
 * whole, then writes its leaves. A part it removes and does not write is left to the chart: unknown.
 */
export function applyValuesPatches(values: Map<PartName, string>, keys: Map<PartName, string>, occ: Occurrence, meta: ObjectMeta, patches: ImagePatch[], file: string, run: PatchRun & { valueFiles: ValuesPatchFiles }): ValuesPatched {
  const out: ValuesPatched = { changed: false, tagDecided: false };
  const dir = run.dir ?? dirname(file);
  const release = { kind: 'HelmRelease', ...(occ.owner?.name && { name: occ.owner.name }), ...(occ.owner?.namespace && { namespace: occ.owner.namespace }) };
  const one = (patch: ImagePatch): void => {
    const path = patch.file === undefined ? undefined : treePath(dir, patch.file);
    const written = patch.file === undefined ? patch.values : path === undefined ? undefined : run.valueFiles(path);
    if (!written) return;
    if ('unread' in written) {
      const selected = selects(patch.target, written, release, run.facts(patch.field));
      if (selected !== false) out.unknown ??= `${file} line ${patch.line}: ${typeof selected === 'string' ? selected : written.unread}`;
      return;
    }
    // A part neither written before nor after is the chart's either way.
    const touched = [...keys].filter(([name, key]) => written.leaves[key] || (values.has(name) && written.cleared.some((c) => under(key, c.key))));
    if (touched.length === 0) return;
    const selected = selects(patch.target, written, release, run.facts(patch.field));
    if (selected === false) return;
    const at = `${file} line ${patch.line}`;
    if (typeof selected === 'string') {
      out.unknown ??= `${at}: ${selected}`;
      return;
    }
    if (meta.valuesFrom) {
      out.unknown ??= `${at}: the patch writes the values of a HelmRelease that also reads spec.valuesFrom, which imagepin does not join with a patch`;
      return;
    }
    for (const [name, key] of touched) {
      const leaf = written.leaves[key];
      if (!leaf && !values.has(name)) continue;
      if (!leaf) {
        const cleared = written.cleared.find((c) => under(key, c.key))!;
        out.unknown ??= `${at}: the patch replaces or removes ${cleared.key ? `values key ${cleared.key}` : 'the values'} (${written.file} line ${cleared.line}) without writing ${key}, so the chart's default decides it`;
        values.delete(name);
        continue;
      }
      values.set(name, leaf.value);
      out.changed = true;
      if (name === 'tag' || name === 'digest' || name === 'image') out.tagDecided = true;
      const where = written.file === file ? '' : ` (patch file of ${at})`;
      const provenance: Provenance = { kind: run.kind, file: written.file, line: leaf.line, path: formatPath(leaf.path), detail: `${patch.field} entry sets ${key} of HelmRelease${release.name ? ` ${release.name}` : ''} to ${leaf.value}${where}` };
      run.provenance.push(provenance);
    }
  };
  for (const patch of patches) {
    one(patch);
    // What it writes under metadata.labels is what later patches' selectors see.
    run.wrote?.(patch, release);
  }
  return out;
}
