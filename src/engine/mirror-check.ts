import type { Config } from '../config/schema.js';
import { mirroredName } from '../fixers/mirror.js';
import { parseReference, type ImageReference } from '../model/reference.js';
import type { Resolver } from '../resolver/resolver.js';
import type { Resolution } from '../resolver/types.js';
import { resolvable } from './resolve.js';
import type { Inventory } from './scan.js';

/** The reference an image would have at its configured mirror: the same tag, or the same digest when it has no tag. */
export function mirrorReference(ref: ImageReference, config: Config): ImageReference | undefined {
  const mirror = config.mirrors[ref.registry];
  if (!mirror) return undefined;
  const name = mirroredName(mirror, ref.repository);
  const parsed = parseReference(ref.tag ? `${name}:${ref.tag}` : ref.digest ? `${name}@${ref.digest}` : `${name}:latest`);
  return parsed.ok ? parsed.ref : undefined;
}

/**
 * What each mirrored image's mirror serves, by the original's canonical reference: resolved once
 * per unique reference, so public-registry can state the mirror's state instead of "check it".
 */
export async function resolveMirrors(inventory: Inventory, config: Config, resolver: Resolver): Promise<Map<string, Resolution>> {
  const pairs = new Map<string, ImageReference>();
  for (const occ of inventory.occurrences.filter(resolvable)) {
    const mirrored = mirrorReference(occ.reference, config);
    if (mirrored && !pairs.has(occ.reference.canonical)) pairs.set(occ.reference.canonical, mirrored);
  }
  if (pairs.size === 0) return new Map();
  const answers = await resolver.resolveAll([...pairs.values()]);
  return new Map([...pairs].map(([original, mirrored]) => [original, answers.get(mirrored.canonical)!]));
}
