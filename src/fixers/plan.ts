import type { Config } from '../config/schema.js';
import { reasonOf } from '../engine/contain.js';
import type { Inventory } from '../engine/scan.js';
import { resolvable } from '../engine/resolve.js';
import { formatReference, parseReference } from '../model/reference.js';
import type { Occurrence } from '../model/occurrence.js';
import type { Resolver } from '../resolver/resolver.js';
import { mirrorEdits, mirroredName } from './mirror.js';
import { planChartOverride } from './chart-override.js';
import { planPin } from './pin.js';
import type { Fix, Skipped } from './types.js';

export interface PlanOptions {
  pin: boolean;
  mirror: boolean;
  config: Config;
  /** Needed for mirror moves: the mirrored reference is resolved and must have the same digest. */
  resolver?: Resolver;
  /** A development build with no release to move to: `pin` freezes it by digest (the CLI's explicit pin), `skip` leaves it, with the reason (PRs). */
  devBuilds?: 'pin' | 'skip';
  /** Each file's text, for edits that insert lines. */
  text(file: string): string;
}

/** Pins and mirror moves for every occurrence of an inventory, combined per occurrence. */
export async function planFixes(inventory: Inventory, options: PlanOptions): Promise<{ fixes: Fix[]; skipped: Skipped[] }> {
  const fixes: Fix[] = [];
  const skipped: Skipped[] = [];
  for (const occ of inventory.occurrences.filter(resolvable)) {
    // Each occurrence is its own unit: a fix that cannot be planned is left alone and says why.
    try {
      await planOne(occ, inventory, options, fixes, skipped);
    } catch (err) {
      skipped.push({ occurrence: occ, reason: `not changed: imagepin failed while planning this fix (${reasonOf(err)}); this is a bug in imagepin` });
    }
  }
  return keepWholeGlobalMoves(inventory, fixes, skipped);
}

/** The pin and mirror move of one occurrence, combined. */
async function planOne(occ: Occurrence & { reference: NonNullable<Occurrence['reference']> }, inventory: Inventory, options: PlanOptions, fixes: Fix[], skipped: Skipped[]): Promise<void> {
  if (occ.origin === 'chart-default') {
    const override = options.pin ? planChartOverride(occ, inventory.resolutions?.get(occ.reference.canonical), inventory.chartDefaults?.get(occ), options.text(occ.file), inventory.releaseOptions?.get(occ), options.devBuilds) : undefined;
    if (override && 'edits' in override) fixes.push(override);
    else if (override) skipped.push(override);
    return;
  }
  const resolution = inventory.resolutions?.get(occ.reference.canonical);
  const pin = options.pin ? planPin(occ, resolution, options.text(occ.file), options.config.pinFieldsWithoutDigest, inventory.releaseOptions?.get(occ), options.devBuilds) : undefined;
  if (pin && 'reason' in pin) skipped.push(pin);
  // The mirror is checked at the tag the reference will have: the pinned release when pinning.
  const pinnedTag = pin && 'intended' in pin ? parseReference(pin.intended) : undefined;
  const tag = pinnedTag?.ok ? pinnedTag.ref.tag : occ.reference.tag;
  const move = options.mirror ? await planMirror(occ, tag, resolution?.digest ?? occ.reference.digest, options) : undefined;
  if (move && 'reason' in move) skipped.push(move);
  const pinFix = pin && 'edits' in pin ? pin : undefined;
  const moveFix = move && 'edits' in move ? move : undefined;
  if (pinFix && moveFix) {
    const target = parseReference(pinFix.intended);
    const moved = parseReference(moveFix.intended);
    if (target.ok && moved.ok) {
      const intended = formatReference({ ...moved.ref, tag: target.ref.tag, digest: target.ref.digest });
      fixes.push({ ...pinFix, kind: 'mirror', edits: [...moveFix.edits, ...pinFix.edits], intended, to: intended, why: `${moveFix.why.replace(/ sha256:[0-9a-f]+$/, '')}; ${pinFix.why}` });
    }
  } else if (pinFix ?? moveFix) fixes.push((pinFix ?? moveFix)!);
}

/** The global registry field an occurrence's registry comes from (Bitnami `global.imageRegistry`), as a key. */
function globalKey(occ: Occurrence): string | undefined {
  const registry = occ.parts.registry;
  if (!registry || !occ.notes?.some((n) => n.startsWith('registry comes from global'))) return undefined;
  return `${occ.file}|${occ.document}|${registry.span.start.offset}`;
}

/**
 * A mirror move through a shared global registry is all or nothing: if any image that uses it
 * cannot move (the mirror lacks it, or serves another digest), none of them is moved.
 */
function keepWholeGlobalMoves(inventory: Inventory, fixes: Fix[], skipped: Skipped[]): { fixes: Fix[]; skipped: Skipped[] } {
  const users = new Map<string, Occurrence[]>();
  for (const occ of inventory.occurrences) {
    const key = globalKey(occ);
    if (key) users.set(key, [...(users.get(key) ?? []), occ]);
  }
  const moving = new Set(fixes.filter((f) => f.kind === 'mirror').map((f) => f.occurrence));
  const blocked = new Set([...users].filter(([, occs]) => occs.some((o) => !moving.has(o))).map(([key]) => key));
  const kept: Fix[] = [];
  for (const fix of fixes) {
    const key = fix.kind === 'mirror' ? globalKey(fix.occurrence) : undefined;
    if (!key || !blocked.has(key)) kept.push(fix);
    else skipped.push({ occurrence: fix.occurrence, reason: 'not moved: global.imageRegistry is shared with images the mirror cannot serve, so none of them is moved' });
  }
  return { fixes: kept, skipped };
}

/** A mirror move, proposed only when the mirror serves the very digest the original has. */
async function planMirror(occ: Occurrence & { reference: NonNullable<Occurrence['reference']> }, tag: string | undefined, digest: string | undefined, options: PlanOptions): Promise<Fix | Skipped | undefined> {
  const ref = occ.reference;
  const mirror = options.config.mirrors[ref.registry];
  if (!mirror) return undefined;
  const name = mirroredName(mirror, ref.repository);
  const parsed = parseReference(`${name}${tag ? `:${tag}` : ''}`);
  if (!parsed.ok) return { occurrence: occ, reason: `the mirror name ${name} is not valid: ${parsed.reason}` };
  if (!options.resolver || !digest) return { occurrence: occ, reason: `not moved to ${name}: the original could not be resolved, so the mirror cannot be checked` };
  const there = await options.resolver.resolve(parsed.ref);
  if (there.status !== 'resolved') {
    if (there.error?.kind === 'not-found') return { occurrence: occ, reason: `not moved: the mirror does not have ${parsed.ref.canonical} (replicate it first)` };
    return { occurrence: occ, reason: `not moved: the mirror could not be checked for ${parsed.ref.canonical} (${there.error?.message ?? 'no answer'})` };
  }
  if (there.digest !== digest) return { occurrence: occ, reason: `not moved: the mirror serves another digest for ${parsed.ref.canonical}: ${there.digest}, upstream ${digest} (sync the mirror first)` };
  const edits = mirrorEdits(occ, options.text(occ.file), mirror);
  if (typeof edits === 'string') return { occurrence: occ, reason: `not moved: ${edits}` };
  const intended = formatReference({ ...parsed.ref, tag: ref.tag, digest: ref.digest });
  return { kind: 'mirror', occurrence: occ, edits, intended, from: ref.canonical, to: intended, why: `moved to the mirror ${mirror}, which serves the same digest${ref.digest ? '' : ` ${digest}`}` };
}
