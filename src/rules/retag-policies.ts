import type { Occurrence } from '../model/occurrence.js';
import { spanOf } from './describe.js';

/** The pull policy of one container an overlay's `images:` entry retags, and where it is written. */
export interface RetagPolicy {
  /** As written on the container (`IfNotPresent`, `Always`, …); undefined when it writes none. */
  policy?: string;
  file: string;
  line: number;
}

/** The containers an `images:` entry retags, by the entry's file and the reference it writes. */
export type RetagIndex = (file: string, canonical: string) => readonly RetagPolicy[] | undefined;

const IMAGES = new Set(['kustomize-images', 'flux-images']);

/**
 * Adds each retagged container of some occurrences (their effective pass applied) to `into`: an
 * `images:` entry writes no pull policy, so the containers it rewrites decide how it is pulled.
 */
export function collectRetags(occurrences: Iterable<Occurrence>, into: Map<string, RetagPolicy[]> = new Map()): Map<string, RetagPolicy[]> {
  for (const occ of occurrences) {
    const seen = new Set<string>();
    for (const e of occ.effective ?? []) {
      if (!e.for || !e.reference || e.unknown) continue;
      for (const p of e.provenance) {
        if (!IMAGES.has(p.kind)) continue;
        const key = `${p.file}|${e.reference.canonical}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const entry: RetagPolicy = { file: occ.file, line: (occ.pullPolicy?.span ?? spanOf(occ)).start.line };
        if (occ.pullPolicy) entry.policy = occ.pullPolicy.value;
        into.set(key, [...(into.get(key) ?? []), entry]);
      }
    }
  }
  return into;
}

/** An index over every occurrence of an inventory. */
export function retagIndex(occurrences: Iterable<Occurrence>): RetagIndex {
  const map = collectRetags(occurrences);
  return (file, canonical) => map.get(`${file}|${canonical}`);
}
