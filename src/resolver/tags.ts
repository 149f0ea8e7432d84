import type { SemVer } from 'semver';
import coerce from 'semver/functions/coerce.js';
import rcompare from 'semver/functions/rcompare.js';

/**
 * Tags that name a moving target by convention. Partial versions (`16`, `1.27`) float too, and are
 * classified separately because a release that shares their digest is easy to find.
 */
export const FLOATING_TAGS = new Set(['latest', 'dev', 'develop', 'development', 'main', 'master', 'edge', 'nightly', 'stable', 'canary', 'rolling',
  'snapshot', 'next', 'beta', 'alpha', 'unstable', 'testing', 'test', 'head', 'trunk', 'release', 'preview', 'current', 'lts']);

export type TagKind = 'release' | 'partial' | 'floating' | 'other';

const RELEASE = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+._].*)?$/;
const PARTIAL = /^v?\d+(?:\.\d+)?$/;
/** A pre-release marker: `-rc1`, `-beta`, `.alpha2`. */
const PRE_RELEASE = /(?:^|[-_.+])(?:alpha|beta|rc|pre|preview|dev|snapshot|nightly|canary|next|unstable|test)\d*(?:$|[-_.+\d])/i;
/** A short version with a variant suffix: `16-alpine`, `3.12-slim`; the stem and the variant. */
const PARTIAL_VARIANT = /^(v?\d+(?:\.\d+)?)[-_]([a-z][a-z0-9._-]*)$/i;

/**
 * `release`: a full version (`1.27.3`, `v2.54.1`, `16.4.0-debian-12-r0`); `partial`: `16`, `1.27`, `16-alpine`;
 * `floating`: a conventional moving name (see FLOATING_TAGS, also with a suffix: `latest-alpine`,
 * `main-debug`); `other`: anything else (`sha-1a2b3c`, `RELEASE.2024-10-13T13-34-11Z`).
 */
export function classifyTag(tag: string, extraFloating: readonly string[] = []): TagKind {
  const lower = tag.toLowerCase();
  // Called for every occurrence by several rules: no copies of the configured list.
  const floating = (name: string): boolean => FLOATING_TAGS.has(name) || extraFloating.includes(name);
  const [head = '', ...rest] = lower.split(/[-_.]/);
  if (floating(lower) || (floating(head) && !/\d/.test(rest.join('')))) return 'floating';
  if (RELEASE.test(tag)) return 'release';
  if (PARTIAL.test(tag)) return 'partial';
  // `16-alpine` moves with each 16.x.y-alpine as `16` does; `3-rc1` is a pre-release, not a track.
  if (PARTIAL_VARIANT.test(tag) && !PRE_RELEASE.test(tag)) return 'partial';
  return 'other';
}

/** True when `tag` is `X` or `X.Y` (a leading `v` allowed): the shape of a partial version, or of a two-part release. */
export function isShortVersion(tag: string): boolean {
  return PARTIAL.test(tag);
}

/**
 * Tags that are longer versions below a short one: `16.4.1` and `16.4.1-alpine` under `16.4`,
 * `14.10` under `14`, `16.4-alpine` (same variant only) under `16-alpine`. A short tag is a
 * partial version only when the registry has such tags; PostgreSQL, Redis and Valkey publish
 * `16.4` and `7.2` (and `16.4-alpine`) as releases with nothing below them.
 */
export function tagsBelow(tag: string, tags: readonly string[]): string[] {
  const variant = PARTIAL_VARIANT.exec(tag);
  if (variant) {
    const stem = `${variant[1]!}.`;
    return tags.filter((t) => t.startsWith(stem) && /^\d/.test(t.slice(stem.length)) && variantOf(t) === variant[2]);
  }
  const prefix = `${tag}.`;
  return tags.filter((t) => t.startsWith(prefix) && /^\d/.test(t.slice(prefix.length)));
}

/**
 * Release tags to try for a floating tag's digest, newest first. A release is `X.Y.Z` (with any
 * suffix), or a short `X`/`X.Y` tag with no longer tag below it in the list (a two-part release
 * such as `7.2`). Versions come from `coerce`; tags with a suffix (`-alpine`,
 * `-debian-12-r0`) come after the plain tag of the same version, since `latest` usually shares the
 * plain one's digest.
 */
export function releaseCandidates(tags: string[]): string[] {
  // `16.4-alpine` is a two-part release with a variant: its stem `16.4` decides, like `16.4` itself.
  const stem = (t: string): string => t.replace(/[-_].*$/, '');
  const short = new Set(tags.map(stem).filter((t) => PARTIAL.test(t)));
  // A short tag with a longer one below it is partial: one pass over the list finds its parents.
  const parents = new Set<string>();
  for (const t of tags) {
    const m = /^(v?\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(t);
    if (!m) continue;
    if (m[2] !== undefined && short.has(m[1]!)) parents.add(m[1]!);
    if (m[3] !== undefined && short.has(`${m[1]}.${m[2]}`)) parents.add(`${m[1]}.${m[2]}`);
  }
  const scored = tags
    .filter((tag) => RELEASE.test(tag) || (short.has(stem(tag)) && !parents.has(stem(tag))))
    .map((tag) => ({ tag, version: coerce(tag, { loose: true }), plain: /^v?\d+(?:\.\d+){0,2}$/.test(tag) }))
    .filter((t): t is { tag: string; version: SemVer; plain: boolean } => t.version !== null);
  scored.sort((a, b) => rcompare(a.version, b.version) || Number(b.plain) - Number(a.plain) || a.tag.length - b.tag.length);
  return scored.map((t) => t.tag);
}

/** The variant a tag carries after its version or floating name: `alpine` for `1.27.3-alpine` and `latest-alpine`; '' for none. */
export function variantOf(tag: string): string {
  const version = /^v?\d+(?:\.\d+){0,3}(?:[-_.](.*))?$/.exec(tag);
  if (version) return version[1] ?? '';
  const named = /^[a-z]+[-_](.*)$/i.exec(tag);
  return named && !/\d/.test(named[1] ?? '') ? named[1]! : '';
}

/**
 * Releases on a track, newest first: release tags with the same variant suffix (`-alpine`), no
 * pre-releases (`-rc1`, `-beta`), and, when `major` is given, the same major version.
 */
export function releasesOnTrack(tags: string[], track: { major?: number; variant: string }): string[] {
  return releaseCandidates(tags).filter((tag) => {
    if (PRE_RELEASE.test(tag) || variantOf(tag) !== track.variant) return false;
    return track.major === undefined || coerce(tag, { loose: true })?.major === track.major;
  });
}

/** The major version of a tag (`16` for `16.4`, `1` for `v1.27.3`), when it has one. */
export function majorOf(tag: string | undefined): number | undefined {
  if (!tag || !/^v?\d/.test(tag)) return undefined;
  return coerce(tag, { loose: true })?.major;
}
