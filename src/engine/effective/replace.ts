import type { ImageReplacement, ReplacementTarget } from '../../model/layers.js';
import type { Occurrence, Provenance } from '../../model/occurrence.js';
import { formatPath } from '../../model/position.js';

/**
 * A kustomize field path (`spec.template.spec.containers.0.image`, `…containers.[name=web].image`,
 * `*` for any key) against an occurrence's YAML path; `[name=x]` picks the container named x.
 */
function fieldMatches(fieldPath: string, occ: Occurrence): boolean {
  const segments = fieldPath.split('.');
  if (segments.length !== occ.path.length) return false;
  return segments.every((segment, i) => {
    const key = occ.path[i];
    if (segment === '*') return true;
    const byName = /^\[name=(.+)\]$/.exec(segment);
    if (byName) return typeof key === 'number' && occ.workload?.container === byName[1];
    return String(key) === segment;
  });
}

function selects(target: ReplacementTarget, occ: Occurrence): boolean {
  if (target.kind && target.kind !== occ.workload?.kind) return false;
  if (target.name && target.name !== occ.workload?.name) return false;
  return target.fieldPaths.some((f) => fieldMatches(f, occ));
}

/** kustomize's delimiter option: replace the index-th part; an index past the end appends, a negative one prefixes. */
function splice(raw: string, value: string, target: ReplacementTarget): string {
  if (!target.delimiter) return value;
  const parts = raw.split(target.delimiter);
  const index = target.index ?? 0;
  if (index < 0) parts.unshift(value);
  else if (index >= parts.length) parts.push(value);
  else parts[index] = value;
  return parts.join(target.delimiter);
}

export interface Replaced {
  raw: string;
  unknown?: string;
  tagDecided: boolean;
}

/** A kustomization's image replacements over a manifest's image (after its `images:`, as kustomize runs them). */
export function applyReplacements(raw: string, occ: Occurrence, replacements: ImageReplacement[], file: string, provenance: Provenance[]): Replaced {
  let out = raw;
  let unknown: string | undefined;
  let tagDecided = false;
  for (const replacement of replacements) {
    for (const target of replacement.targets) {
      if (!selects(target, occ)) continue;
      const sets = target.delimiter ? `part ${target.index ?? 0} (split at "${target.delimiter}")` : 'the whole value';
      provenance.push({ kind: 'kustomize-replacements', file, line: replacement.line, path: formatPath(replacement.path), detail: `replacements entry from ${replacement.source} sets ${sets}` });
      if (replacement.value === undefined) unknown ??= replacement.unknown;
      else out = splice(out, replacement.value, target);
      if (!target.delimiter || (target.delimiter === ':' && (target.index ?? 0) >= 1)) tagDecided = true;
    }
  }
  return unknown ? { raw: out, unknown, tagDecided } : { raw: out, tagDecided };
}
