import { appVersionOf } from '../charts/defaults.js';
import type { Config } from '../config/schema.js';
import type { Occurrence } from '../model/occurrence.js';
import type { Resolver } from '../resolver/resolver.js';
import { classifyTag, majorOf, variantOf } from '../resolver/tags.js';
import type { Resolution } from '../resolver/types.js';
import { isStateful } from '../rules/catalog/stateful-major-change.js';
import { tagClass } from '../rules/describe.js';
import { baseIndex } from '../rules/run.js';
import { resolvable } from './resolve.js';
import type { Inventory } from './scan.js';

/** A release to move to: its tag and the digest it has now. */
export interface ReleaseChoice {
  tag: string;
  digest: string;
}

/**
 * The releases a floating tag, a development build or a missing tag could move to: the one the
 * base branch had, the chart's own release (its appVersion, for an image a chart brings in by
 * default), the one the tag is today (same digest), and the newest stable one on the same track.
 * `chosen` is what the follow-up uses: the base's first (nothing changes for the reviewers), then
 * the chart's (the version the chart was made for), then today's (nothing changes on the nodes),
 * then the newest.
 */
export interface ReleaseOptions {
  base?: ReleaseChoice;
  /** A chart default's own release: the chart's appVersion, when the registry has it as a release tag. */
  chart?: ReleaseChoice;
  today?: ReleaseChoice;
  newest?: ReleaseChoice;
  /** The newest track: `16.x`, `-alpine`, or `any`. */
  track: string;
  chosen?: 'base' | 'chart' | 'today' | 'newest';
  /** A stateful image (database, StatefulSet): moving it to another version is what stateful-major-change warns about. */
  stateful: boolean;
}

/** True when an occurrence's tag moves (floating, partial, missing) and it carries no digest. */
export function needsRelease(occ: Occurrence, resolution: Resolution | undefined, config: Config): boolean {
  const ref = occ.reference;
  if (!ref || ref.digest || occ.skipReason) return false;
  if (!ref.tag) return true;
  const kind = tagClass(ref.tag, resolution, { config });
  return kind === 'floating' || kind === 'partial';
}

async function baseRelease(base: Occurrence | undefined, resolver: Resolver, repository: string): Promise<ReleaseChoice | undefined> {
  const ref = base?.reference;
  if (!ref?.tag || base?.skipReason || `${ref.registry}/${ref.repository}` !== repository) return undefined;
  const answer = await resolver.resolve({ ...ref, digest: undefined, canonical: `${ref.registry}/${ref.repository}:${ref.tag}` });
  if (answer.status !== 'resolved' || !answer.digest) return undefined;
  if (answer.versionSource === 'tag') return { tag: ref.tag, digest: ref.digest ?? answer.digest };
  if (answer.versionSource === 'shared-digest' && answer.version && !ref.digest) return { tag: answer.version, digest: answer.digest };
  return undefined;
}

/** A chart default's appVersion as a release to move to, when it is a release tag the registry answers for. */
async function chartRelease(occ: Occurrence, inventory: Inventory, resolver: Resolver): Promise<ReleaseChoice | undefined> {
  const origin = occ.origin === 'chart-default' ? inventory.chartDefaults?.get(occ) : undefined;
  const tag = origin ? appVersionOf(origin.chart) : undefined;
  const ref = occ.reference;
  // A full version, or a short one the registry confirms is a release (`16.4` with nothing below it).
  const kind = tag ? classifyTag(tag) : undefined;
  if (!tag || !ref || tag === ref.tag || (kind !== 'release' && kind !== 'partial')) return undefined;
  const answer = await resolver.resolve({ ...ref, tag, digest: undefined, canonical: `${ref.registry}/${ref.repository}:${tag}` });
  return answer.status === 'resolved' && answer.digest && answer.versionSource === 'tag' ? { tag, digest: answer.digest } : undefined;
}

/** Step 3b of the pipeline: the release options of every moving reference, resolved once per occurrence. */
export async function releaseOptions(inventory: Inventory, base: Inventory | undefined, config: Config, resolver: Resolver): Promise<Map<Occurrence, ReleaseOptions>> {
  const findBase = baseIndex(base);
  const out = new Map<Occurrence, ReleaseOptions>();
  for (const occ of inventory.occurrences.filter(resolvable)) {
    const resolution = inventory.resolutions?.get(occ.reference.canonical);
    if (resolution?.status !== 'resolved' || !needsRelease(occ, resolution, config)) continue;
    const ref = occ.reference;
    const tag = ref.tag ?? 'latest';
    const today = resolution.versionSource === 'shared-digest' && resolution.version && resolution.digest ? { tag: resolution.version, digest: resolution.digest } : undefined;
    const before = await baseRelease(findBase(occ), resolver, `${ref.registry}/${ref.repository}`);
    const major = classifyTag(tag) === 'partial' ? majorOf(tag) : majorOf(today?.tag ?? before?.tag);
    const variant = variantOf(tag);
    const newest = await resolver.newestOnTrack(ref, { major, variant });
    const chart = await chartRelease(occ, inventory, resolver);
    const options: ReleaseOptions = { base: before, ...(chart && { chart }), today, newest, track: `${major !== undefined ? `${major}.x` : 'any version'}${variant ? `, -${variant}` : ''}`, stateful: isStateful(occ, config.statefulImages) };
    options.chosen = before ? 'base' : chart ? 'chart' : today ? 'today' : newest ? 'newest' : undefined;
    out.set(occ, options);
  }
  return out;
}
