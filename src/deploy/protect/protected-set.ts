import { classifyTag } from '../../resolver/tags.js';
import { shortName, type InUse } from '../in-use.js';
import type { SignalReader } from '../signals.js';
import type { HistoryCommit } from '../types.js';
import type { ProtectedImage, Why } from './types.js';

/** At most this many revisions besides the head are read for the protected set (each costs a tree and its blobs). */
export const MAX_PROTECTED_REVISIONS = 10;

/**
 * The rollback window: for each unit, its `window` newest distinct deployed revisions in the
 * history the sweep read (newest first; the first is what it runs). A rollback goes back to one
 * of these, so their images must still exist.
 */
export function rollbackRevisions(history: HistoryCommit[], reader: SignalReader, window: number): string[] {
  const perUnit = new Map<string, string[]>();
  for (const commit of history) {
    for (const signal of reader.of(commit)) {
      const shas = perUnit.get(signal.unit) ?? [];
      if (shas.length < window && !shas.includes(commit.sha)) shas.push(commit.sha);
      perUnit.set(signal.unit, shas);
    }
  }
  const order = new Map(history.map((c, i) => [c.sha, i]));
  return [...new Set([...perUnit.values()].flat())].sort((a, b) => order.get(a)! - order.get(b)!);
}

const WHY: Record<string, Why> = { head: 'default branch', deployed: 'deployed', rollback: 'rollback window' };

/** The images of the protected revisions, with why each is kept. */
export function protectedImages(images: Map<string, InUse>): ProtectedImage[] {
  return [...images.values()].map(({ ref, where }) => ({ ref, why: [...where.keys()].map((label) => WHY[label]!) }));
}

/**
 * Why a tag rule must not, or cannot, protect an image: a digest-only reference has no tag to
 * name, and making a floating tag (latest, main, a partial version) immutable would stop CI from
 * pushing it again, which is its whole use.
 */
export function unprotectable(image: ProtectedImage, floatingTags: readonly string[]): string | undefined {
  const { tag } = image.ref;
  if (!tag) return `\`${shortName(image.ref)}\`: referenced by digest only; a tag rule cannot protect it (reference it as \`name:version@digest\`)`;
  const kind = classifyTag(tag, floatingTags);
  if (kind === 'floating' || kind === 'partial') return `\`${shortName(image.ref)}\`: \`${tag}\` is a floating tag; making it immutable would stop CI from pushing it, so it is not protected (pin a release tag)`;
  return undefined;
}
