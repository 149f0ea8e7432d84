import pLimit from 'p-limit';
import type { ImageReference } from '../model/reference.js';
import type { ResolverCache } from './cache.js';
import type { ManifestInfo, RegistryClient, TagList } from './client.js';
import { toRegistryError } from './errors.js';
import { classifyTag, releaseCandidates, releasesOnTrack, tagsBelow } from './tags.js';
import type { Resolution } from './types.js';

export interface ResolverOptions {
  /** How long a tag's digest is trusted (tags move; digests do not). */
  tagTtlMs?: number;
  /** How many release tags are HEADed, newest first, to find the release behind a floating tag. */
  maxVersionLookups?: number;
  /** How many references are resolved at once across all registries. */
  concurrency?: number;
  extraFloatingTags?: string[];
  /** Also list each image's platforms (GETs the manifest, which Docker Hub counts as a pull). */
  platforms?: boolean;
}

/** How long a tag's answer (its digest, a repository's tag list) is trusted by default. */
export const DEFAULT_TAG_TTL_MS = 5 * 60_000;

type Ref = Pick<ImageReference, 'registry' | 'repository' | 'tag' | 'digest' | 'canonical'>;

/**
 * Resolves references to digests and versions. Each unique reference is resolved once per
 * instance (concurrent callers share the work), tags are cached with a TTL, and facts addressed by
 * digest are cached until evicted. Failures become `unresolved` with a typed error, never a throw.
 */
export class Resolver {
  private readonly inFlight = new Map<string, Promise<Resolution>>();
  private readonly o: Required<ResolverOptions>;

  constructor(
    private readonly client: RegistryClient,
    private readonly cache: ResolverCache,
    options: ResolverOptions = {},
  ) {
    this.o = { tagTtlMs: DEFAULT_TAG_TTL_MS, maxVersionLookups: 10, concurrency: 32, extraFloatingTags: [], platforms: false, ...options };
  }

  /**
   * Resolves every unique reference; the map is keyed by canonical reference, in first-seen order.
   * `onResolved` hears each answer as it comes (done of total unique references), for progress.
   */
  async resolveAll(refs: Ref[], onResolved?: (done: number, total: number) => void): Promise<Map<string, Resolution>> {
    const unique = [...new Map(refs.map((r) => [r.canonical, r])).values()];
    const limit = pLimit(this.o.concurrency);
    let done = 0;
    const counted = (ref: Ref): Promise<Resolution> => this.resolve(ref).finally(() => onResolved?.(++done, unique.length));
    // One budget for the whole call: the analysis's deadline, and a breaker per registry endpoint.
    const results = await this.client.withBudget(() => Promise.all(unique.map((ref) => limit(() => counted(ref)))));
    return new Map(unique.map((r, i) => [r.canonical, results[i]!]));
  }

  resolve(ref: Ref): Promise<Resolution> {
    let flight = this.inFlight.get(ref.canonical);
    if (!flight) {
      flight = this.doResolve(ref).finally(() => this.inFlight.delete(ref.canonical));
      this.inFlight.set(ref.canonical, flight);
    }
    return flight;
  }

  private async doResolve(ref: Ref): Promise<Resolution> {
    const base = { reference: ref.canonical };
    try {
      // No tag and no digest is Docker's implicit `latest`.
      const tag = ref.tag ?? (ref.digest ? undefined : 'latest');
      if (tag === undefined) {
        const info = await this.byDigest(ref, ref.digest!);
        return { ...base, status: 'resolved', digest: info.digest, mediaType: info.mediaType, versionSource: 'unknown', ...(await this.platforms(ref, info.digest)) };
      }
      const info = await this.byTag(ref, tag);
      const resolution: Resolution = { ...base, status: 'resolved', digest: info.digest, mediaType: info.mediaType, ...(await this.version(ref, tag, info.digest)), ...(await this.platforms(ref, info.digest)) };
      if (ref.digest) {
        const exists = info.digest === ref.digest || (await this.digestExists(ref, ref.digest));
        resolution.pinned = { digest: ref.digest, exists, tagMatches: info.digest === ref.digest };
      }
      return resolution;
    } catch (err) {
      const error = toRegistryError(err);
      return { ...base, status: 'unresolved', error: { kind: error.kind, message: error.message, retryable: error.retryable } };
    }
  }

  /**
   * The cached answer, or the registry's (then cached). A failed fetch gives back the right to fill
   * the entry (the fleet's fill lease), so other replicas ask at once instead of waiting it out.
   */
  private async cached<T>(key: string, fetch: () => Promise<T>, ttlMs?: number): Promise<T> {
    const hit = await this.cache.get<T>(key);
    if (hit) return hit;
    let value: T;
    try {
      value = await fetch();
    } catch (err) {
      await this.cache.release?.(key);
      throw err;
    }
    await this.cache.set(key, value, ttlMs);
    return value;
  }

  private byTag(ref: Ref, tag: string): Promise<ManifestInfo> {
    return this.cached(`tag:${ref.registry}/${ref.repository}:${tag}`, () => this.client.head(ref.registry, ref.repository, tag), this.o.tagTtlMs);
  }

  /** A manifest by digest; a digest's answer never changes, so it is cached for good. */
  private byDigest(ref: Ref, reference: string): Promise<ManifestInfo> {
    return this.cached(`digest:${ref.registry}/${ref.repository}@${reference}`, () => this.client.head(ref.registry, ref.repository, reference));
  }

  private async platforms(ref: Ref, digest: string): Promise<Pick<Resolution, 'platforms'>> {
    if (!this.o.platforms) return {};
    return { platforms: await this.cached(`platforms:${ref.registry}/${ref.repository}@${digest}`, () => this.client.platforms(ref.registry, ref.repository, digest)) };
  }

  private async digestExists(ref: Ref, digest: string): Promise<boolean> {
    try {
      await this.byDigest(ref, digest);
      return true;
    } catch (err) {
      if (toRegistryError(err).kind === 'not-found') return false;
      throw err;
    }
  }

  /**
   * The release behind a tag: itself when it is one; for a short tag (`16.4`), itself too unless the
   * registry has longer tags below it; else the newest release tag that shares its digest.
   * "Development build" is said only when the tag list was complete and every candidate answered.
   */
  private async version(ref: Ref, tag: string, digest: string): Promise<Pick<Resolution, 'version' | 'versionSource' | 'versionNote' | 'partial' | 'notes'>> {
    const kind = classifyTag(tag, this.o.extraFloatingTags);
    if (kind === 'release') return { version: tag, versionSource: 'tag' };
    if (kind === 'other') return { versionSource: 'unknown' };
    let list: TagList;
    try {
      list = await this.tagList(ref);
    } catch (err) {
      return { versionSource: 'undetermined', versionNote: `the tag list could not be read: ${toRegistryError(err).message}` };
    }
    // Releases beyond a cut list were never seen: "no release shares it" would be a guess.
    const notes = list.note ? { notes: [list.note] } : {};
    const below = kind === 'partial' ? tagsBelow(tag, list.tags) : [];
    if (kind === 'partial' && below.length === 0) {
      return !list.truncated ? { version: tag, versionSource: 'tag', partial: false } : { versionSource: 'undetermined', versionNote: 'the tag list was cut off', ...notes };
    }
    // What every later answer carries: whether the tag is partial, and a note when the list was cut.
    const extra = kind === 'partial' ? { partial: true, ...notes } : notes;
    // A partial tag's release is one of the tags below it; a floating tag's any release.
    let failed = 0;
    for (const candidate of releaseCandidates(kind === 'partial' ? below : list.tags).slice(0, this.o.maxVersionLookups)) {
      const info = await this.byTag(ref, candidate).catch(() => undefined);
      if (!info) failed++;
      else if (info.digest === digest) return { version: candidate, versionSource: 'shared-digest', ...extra };
    }
    if (failed > 0) return { versionSource: 'undetermined', versionNote: `${failed} release tag${failed === 1 ? '' : 's'} did not answer`, ...extra };
    if (list.truncated) return { versionSource: 'undetermined', versionNote: 'the tag list was cut off', ...extra };
    return { versionSource: 'development-build', ...extra };
  }

  /**
   * The newest stable release on a track (same variant, same major when given), with its digest;
   * undefined when the registry lists none or cannot be asked.
   */
  async newestOnTrack(ref: Ref, track: { major?: number; variant: string }): Promise<{ tag: string; digest: string } | undefined> {
    try {
      const [tag] = releasesOnTrack((await this.tagList(ref)).tags, track);
      if (!tag) return undefined;
      return { tag, digest: (await this.byTag(ref, tag)).digest };
    } catch {
      return undefined;
    }
  }

  private tagList(ref: Ref): Promise<TagList> {
    return this.cached(`taglist:${ref.registry}/${ref.repository}`, () => this.client.tagList(ref.registry, ref.repository), this.o.tagTtlMs);
  }
}
