import type { Diagnostic } from '../model/file-result.js';
import type { Occurrence } from '../model/occurrence.js';
import type { ImageReference } from '../model/reference.js';
import type { Resolver } from '../resolver/resolver.js';
import type { Resolution } from '../resolver/types.js';
import { spanOf } from '../rules/describe.js';
import { runsOf } from '../rules/effective-runs.js';
import type { Inventory } from './scan.js';

/** Occurrences the resolver can look up: parsed, and not templated or waiting for a chart's tag. */
export function resolvable(occ: Occurrence): occ is Occurrence & { reference: ImageReference } {
  return occ.reference !== undefined && occ.skipReason === undefined;
}

/**
 * Every reference the rules check: each run of each occurrence, so an overlay's effective
 * reference is resolved as what runs (0023); the reference as written too, which the inventory
 * lists even where every context rewrites it.
 */
export function resolvableRuns(occurrences: Occurrence[]): (Occurrence & { reference: ImageReference })[] {
  return occurrences.flatMap((o) => [o, ...runsOf(o).filter((r) => r.effective).map((r) => r.occ)]).filter(resolvable);
}

/** A resolution's notes (a tag list cut at the pagination cap) as diagnostics at each occurrence, so every report shows them. */
function noteDiagnostics(occurrences: (Occurrence & { reference: ImageReference })[], resolutions: Map<string, Resolution>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const occ of occurrences) {
    for (const note of resolutions.get(occ.reference.canonical)?.notes ?? []) {
      const { start } = spanOf(occ);
      diagnostics.push({ file: occ.file, code: 'tag-list-truncated', message: `${occ.reference.canonical}: ${note}`, line: start.line, col: start.col, document: occ.document });
    }
  }
  return diagnostics;
}

/**
 * Step 3 of the pipeline: each unique reference of the inventory resolved once, under one budget
 * (the analysis deadline and per-registry breakers). Notes become diagnostics on the inventory.
 */
export async function resolveInventory(inventory: Inventory, resolver: Resolver, onResolved?: (done: number, total: number) => void): Promise<Map<string, Resolution>> {
  const occurrences = resolvableRuns(inventory.occurrences);
  const resolutions = await resolver.resolveAll(occurrences.map((o) => o.reference), onResolved);
  inventory.diagnostics.push(...noteDiagnostics(occurrences, resolutions));
  return resolutions;
}
