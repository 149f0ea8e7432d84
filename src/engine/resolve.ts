import type { Occurrence } from '../model/occurrence.js';
import type { ImageReference } from '../model/reference.js';
import type { Resolver } from '../resolver/resolver.js';
import type { Resolution } from '../resolver/types.js';
import type { Inventory } from './scan.js';

/** Occurrences the resolver can look up: parsed, and not templated or waiting for a chart's tag. */
export function resolvable(occ: Occurrence): occ is Occurrence & { reference: ImageReference } {
  return occ.reference !== undefined && occ.skipReason === undefined;
}

/** Step 3 of the pipeline: each unique reference of the inventory resolved once. */
export async function resolveInventory(inventory: Inventory, resolver: Resolver): Promise<Map<string, Resolution>> {
  return resolver.resolveAll(inventory.occurrences.filter(resolvable).map((o) => o.reference));
}
