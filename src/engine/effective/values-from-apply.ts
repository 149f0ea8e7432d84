import type { HelmReleaseLayer, Located } from '../../model/layers.js';
import type { Effective, Occurrence, Owner, PartName, Provenance } from '../../model/occurrence.js';
import { formatPath } from '../../model/position.js';
import { effectiveOf } from './apply.js';
import { joinParts, keysOf, written } from './argo.js';
import type { ValuesSource } from './values-from.js';

export interface PreparedRelease {
  release: HelmReleaseLayer;
  sources: ValuesSource[];
  /** Set when the release is applied in several namespaces (decision 0048): the one these sources are for. */
  namespace?: string;
}

/** For each file, the releases whose values layers it holds, with the layer's index. */
export type HolderIndex = Map<string, { prepared: PreparedRelease; index: number }[]>;

export function holderIndex(releases: PreparedRelease[]): HolderIndex {
  const out: HolderIndex = new Map();
  for (const prepared of releases) {
    prepared.sources.forEach((source, index) => {
      if (source.kind === 'values') out.set(source.file, [...(out.get(source.file) ?? []), { prepared, index }]);
    });
  }
  return out;
}

const holds = (source: ValuesSource, occ: Occurrence): boolean => source.kind === 'values' && source.file === occ.file
  && (source.document === undefined || source.document === occ.document) && source.prefix.every((key, i) => occ.path[i] === key);


interface Setter { kind: Provenance['kind']; file: string; found: Located; detail: string }

/**
 * What one release's values make of an occurrence held by its layer `at`: each part from the last
 * layer that sets its key (`valuesFrom` in order, then `spec.values`). A layer the tree does not
 * hold (a Secret, a missing ConfigMap) makes the answer unknown where it could set the part and no
 * later layer sets it: after the occurrence's layer for any key (or its `targetPath`), before it
 * only for a tag not written.
 */
function releaseEffective(occ: Occurrence, { release, sources, namespace }: PreparedRelease, at: number): { effective?: Effective; decidedBy?: Provenance; fillsTag?: boolean } {
  const own = sources[at]!;
  if (own.kind !== 'values') return {};
  let decidedBy: Provenance | undefined;
  let fillsTag = false;
  const provenance: Provenance[] = [];
  const unknown = new Set<string>();
  const values = new Map<PartName, string>();
  for (const [name, key] of keysOf(occ, own.prefix.length)) {
    const mine = written(occ, name);
    let value = mine;
    let from: Setter | undefined;
    let target: Setter | undefined;
    // Unknown layers that could set the key, until a later layer sets it for sure.
    let pending: string[] = [];
    sources.forEach((source, j) => {
      const before = j < at;
      if (j === at || (source.kind === 'unknown' && before && mine !== undefined)) {
        if (j === at && mine !== undefined) pending = [];
        return;
      }
      if (source.kind === 'unknown') {
        if (source.key !== undefined ? source.key === key : !before || (name === 'tag' && !occ.parts.digest)) pending.push(source.reason);
        return;
      }
      const found = source.kind === 'target' ? (source.key === key ? source.value : undefined) : source.leaves[key];
      if (!found) return;
      const setter: Setter = source.kind === 'target'
        ? { kind: 'flux-target-path', file: source.file, found, detail: `${source.what} sets ${key} to ${found.value} (targetPath)` }
        : { kind: source.inline ? 'flux-inline-values' : 'flux-values-from', file: source.file, found, detail: `${source.what} sets ${key} to ${found.value}` };
      if (source.kind === 'target') target = setter;
      else if (source.inline && target) unknown.add(`${target.detail} and ${setter.detail}: Flux's documentation says a targetPath wins over spec.values, its helm-controller merges spec.values last`);
      if (before && mine !== undefined) return;
      from = setter;
      value = setter.found.value;
      pending = [];
    });
    for (const reason of pending) unknown.add(reason);
    if (own.inline && target && mine !== undefined) unknown.add(`${target.detail} and ${own.what} writes ${key} here: Flux's documentation says a targetPath wins over spec.values, its helm-controller merges spec.values last`);
    if (from) {
      provenance.push({ kind: from.kind, file: from.file, line: from.found.line, path: formatPath(from.found.path), detail: from.detail });
      if ((name === 'tag' || name === 'digest' || name === 'image') && mine !== undefined) decidedBy = provenance[provenance.length - 1];
      if (name === 'tag' && mine === undefined) fillsTag = true;
    }
    if (value !== undefined) values.set(name, value);
  }
  if (provenance.length === 0 && unknown.size === 0) return {};
  const context = { kind: 'flux-helm-release' as const, file: release.file, ...(release.name && { name: release.name }), ...(namespace && { namespace }) };
  const effective = { for: context, ...effectiveOf(joinParts(values), provenance, unknown.size ? [...unknown].join('; ') : undefined) };
  if (unknown.size > 0) return { effective };
  return { effective, ...(decidedBy && { decidedBy }), ...(fillsTag && { fillsTag }) };
}

export interface FromValues {
  effective: Effective[];
  owner?: Owner;
  /** Set when every release that reads the line sets its tag or digest in a later layer: the line's own does not run (pin leaves it). */
  decidedElsewhere?: string;
  /** Every release that reads the line gives it the tag it does not write: the chart's appVersion is not what runs. */
  fillsTag?: boolean;
}

/**
 * Flux `valuesFrom`: the effective references of an occurrence in one of a HelmRelease's values
 * layers, one per release that reads it; that release as the owner of an image whose values
 * file names none (the first release, when several read it); and whether the line's tag runs.
 */
export function valuesFromEffective(occ: Occurrence, holders: HolderIndex): FromValues {
  const effective: Effective[] = [];
  const deciding: Provenance[] = [];
  let owner: Owner | undefined;
  let readers = 0;
  let filled = 0;
  if (occ.shape !== 'string' && occ.shape !== 'fields') return { effective };
  for (const { prepared, index } of holders.get(occ.file) ?? []) {
    if (!holds(prepared.sources[index]!, occ)) continue;
    readers++;
    const found = releaseEffective(occ, prepared, index);
    if (found.effective) effective.push(found.effective);
    if (found.decidedBy) deciding.push(found.decidedBy);
    if (found.fillsTag) filled++;
    // The last layer is the release's own spec.values, whose images it owns already.
    if (index < prepared.sources.length - 1) owner ??= prepared.release.owner;
  }
  const out: FromValues = owner ? { effective, owner } : { effective };
  if (readers > 0 && filled === readers) out.fillsTag = true;
  if (readers > 0 && deciding.length === readers) {
    const where = [...new Set(deciding.map((p) => `${p.file} line ${p.line}`))].join(', ');
    out.decidedElsewhere = `every HelmRelease that reads these values sets this image (or its tag or digest) in a later values layer (${where}), so this line's tag does not run; that layer is what to pin`;
  }
  return out;
}
