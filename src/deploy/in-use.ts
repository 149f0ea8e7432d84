import picomatch from 'picomatch';
import type { Config } from '../config/schema.js';
import { resolvable } from '../engine/resolve.js';
import type { Inventory } from '../engine/scan.js';
import { familiarName, type ImageReference } from '../model/reference.js';
import { spanOf } from '../rules/describe.js';
import type { ImageExistence } from './exists.js';
import type { MissingImage } from './types.js';

/** Which revision: the default branch head, a unit's last deployed one, or one in the rollback window. */
export type RevisionLabel = 'head' | 'deployed' | 'rollback';

/** An image in use: its reference and where each revision writes it. */
export interface InUse {
  ref: ImageReference;
  where: Map<RevisionLabel, string[]>;
}

/**
 * The images of the default branch head and of the last deployed revision, by canonical
 * reference. Chart defaults are not included: they need the chart, which the PR analysis fetches.
 */
export function imagesInUse(revisions: { label: RevisionLabel; inventory: Inventory }[], config: Config): Map<string, InUse> {
  const ignored = config.ignore.paths.length ? picomatch(config.ignore.paths, { dot: true }) : () => false;
  const out = new Map<string, InUse>();
  for (const { label, inventory } of revisions) {
    for (const o of inventory.occurrences) {
      if (!resolvable(o) || o.origin || ignored(o.file)) continue;
      const entry = out.get(o.reference.canonical) ?? { ref: o.reference, where: new Map() };
      const at = `${o.file}:${spanOf(o).start.line}`;
      entry.where.set(label, [...new Set([...(entry.where.get(label) ?? []), at])]);
      out.set(o.reference.canonical, entry);
    }
  }
  return out;
}

/** `builds-api:0.0.130`: what an SRE calls the image. */
export function shortName(ref: Pick<ImageReference, 'registry' | 'repository' | 'tag' | 'digest'>): string {
  const name = familiarName(ref).split('/').pop()!;
  return ref.tag ? `${name}:${ref.tag}` : `${name}@${ref.digest?.slice(0, 19)}`;
}

/** Every image in use, checked by HEAD; those the registry no longer has, and how many could not be checked. */
export async function missingImages(inUse: Map<string, InUse>, existence: ImageExistence): Promise<{ missing: MissingImage[]; unknown: string[] }> {
  const missing: MissingImage[] = [];
  const unknown: string[] = [];
  await Promise.all([...inUse.values()].map(async ({ ref, where }) => {
    const answer = await existence.check(ref);
    if (answer.status === 'unknown') unknown.push(`${shortName(ref)}: ${answer.message}`);
    if (answer.status !== 'missing') return;
    const head = where.get('head') ?? [];
    const deployed = where.get('deployed') ?? [];
    missing.push({ image: shortName(ref), where: [...head.map((w) => `${w} (default branch)`), ...deployed.filter((w) => !head.includes(w)).map((w) => `${w} (last deployed)`)], revision: head.length && deployed.length ? 'both' : head.length ? 'head' : 'deployed' });
  }));
  return { missing: missing.sort((a, b) => a.image.localeCompare(b.image)), unknown: unknown.sort() };
}
