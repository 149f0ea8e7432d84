import semver from 'semver';

/**
 * Tags that name a moving target by convention. Partial versions (`16`, `1.27`) float too, and are
 * classified separately because a release that shares their digest is easy to find.
 */
export const FLOATING_TAGS = new Set(['latest', 'dev', 'develop', 'development', 'main', 'master', 'edge', 'nightly', 'stable', 'canary', 'rolling',
  'snapshot', 'next', 'beta', 'alpha', 'unstable', 'testing', 'test', 'head', 'trunk', 'release', 'preview', 'current', 'lts']);

export type TagKind = 'release' | 'partial' | 'floating' | 'other';

const RELEASE = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+._].*)?$/;
const PARTIAL = /^v?\d+(?:\.\d+)?$/;

/**
 * `release`: a full version (`1.27.3`, `v2.54.1`, `16.4.0-debian-12-r0`); `partial`: `16`, `1.27`;
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
  return 'other';
}

/**
 * Release tags to try for a floating tag's digest, newest first. Versions come from `semver.coerce`
 * on `X.Y.Z` tags (a leading `v` is dropped); tags with a suffix (`-alpine`, `-debian-12-r0`) come
 * after the plain tag of the same version, since `latest` usually shares the plain one's digest.
 */
export function releaseCandidates(tags: string[]): string[] {
  const scored = tags
    .filter((tag) => RELEASE.test(tag))
    .map((tag) => ({ tag, version: semver.coerce(tag, { loose: true }), plain: /^v?\d+\.\d+\.\d+$/.test(tag) }))
    .filter((t): t is { tag: string; version: semver.SemVer; plain: boolean } => t.version !== null);
  scored.sort((a, b) => semver.rcompare(a.version, b.version) || Number(b.plain) - Number(a.plain) || a.tag.length - b.tag.length);
  return scored.map((t) => t.tag);
}
