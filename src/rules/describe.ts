import { familiarName, type ImageReference } from '../model/reference.js';
import type { Occurrence } from '../model/occurrence.js';
import type { Span } from '../model/position.js';
import type { Resolution } from '../resolver/types.js';
import { classifyTag } from '../resolver/tags.js';
import type { ReleaseOptions } from '../engine/release-options.js';
import type { OccurrenceInput, RuleContext } from './types.js';

/** `nginx:1.27` or `quay.io/ceph/ceph:v18.2.4`: how people write the reference. */
export function short(ref: Pick<ImageReference, 'registry' | 'repository' | 'tag' | 'digest'>): string {
  return `${familiarName(ref)}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest.slice(0, 19)}…` : ''}`;
}

/** What the registry said, as a clause; never a guess when it said nothing. */
export function registrySays(input: Pick<OccurrenceInput, 'resolution' | 'ctx'>): string {
  const r = input.resolution;
  if (!r) return input.ctx.offline ? 'not resolved (offline)' : 'not resolved';
  if (r.status === 'unresolved') return `unresolved: ${r.error?.message ?? 'unknown error'}`;
  if (r.versionSource === 'shared-digest') return `today it is release ${r.version} (${r.digest?.slice(0, 19)}…)`;
  if (r.versionSource === 'development-build') return `no release shares its digest (${r.digest?.slice(0, 19)}…): it is a development build`;
  if (r.versionSource === 'undetermined') return `today it is ${r.digest?.slice(0, 19)}…; imagepin could not tell which release that is (${r.versionNote ?? 'no answer'})`;
  return `today it is ${r.digest?.slice(0, 19)}…`;
}

/** The pinned form to suggest: `name:1.27.3@sha256:…` with the release version when known. */
export function pinnedForm(ref: ImageReference, resolution: Resolution | undefined): string | undefined {
  if (resolution?.status !== 'resolved' || !resolution.digest) return undefined;
  const tag = resolution.versionSource === 'shared-digest' ? resolution.version : ref.tag;
  return `${familiarName(ref)}${tag ? `:${tag}` : ''}@${resolution.digest}`;
}

/** The span a finding about an occurrence points at: its tag, else the whole reference. */
export function spanOf(occ: Occurrence, prefer: ('tag' | 'digest' | 'repository' | 'registry' | 'image')[] = ['tag', 'image', 'repository']): Span {
  for (const name of prefer) {
    const part = occ.parts[name];
    if (part) return part.span;
  }
  const any = Object.values(occ.parts)[0];
  return any ? any.span : { start: { line: 1, col: 1, offset: 0 }, end: { line: 1, col: 1, offset: 0 } };
}

/**
 * What a tag is, with the registry's word where the shape alone cannot tell: a short tag (`16.4`)
 * is a release unless the registry has longer tags below it; without a complete answer it is
 * `short-unknown`, and nothing is claimed about it.
 */
export function tagClass(tag: string, resolution: Resolution | undefined, ctx: Pick<RuleContext, 'config'>): 'release' | 'partial' | 'short-unknown' | 'floating' | 'other' {
  const kind = classifyTag(tag, ctx.config.floatingTags);
  if (kind !== 'partial') return kind;
  if (resolution?.partial === true) return 'partial';
  if (resolution?.partial === false) return 'release';
  return 'short-unknown';
}

/** Why a short tag's class is not known: offline, not resolved, or what the registry said. */
export function whyUnknown(resolution: Resolution | undefined, offline: boolean): string {
  if (!resolution) return offline ? 'offline' : 'not resolved';
  if (resolution.status === 'unresolved') return `unresolved: ${resolution.error?.message ?? 'no answer'}`;
  return resolution.versionNote ?? 'the registry did not say';
}

/**
 * The fix for a moving tag: the releases it could move to, each with its digest, and which one the
 * pin imagepin proposes (follow-up PR, fork suggestion, `imagepin pin`) uses and why. Pinning a development build freezes it, so that is never the fix.
 */
export function releaseFix(ref: ImageReference, options: ReleaseOptions | undefined, fallback: string): string {
  if (!options || (!options.base && !options.chart && !options.today && !options.newest)) return fallback;
  const name = familiarName(ref);
  const at = (c: { tag: string; digest: string }): string => `\`${name}:${c.tag}@${c.digest}\``;
  const parts: string[] = [];
  if (options.base) parts.push(`the base branch's release ${at(options.base)}`);
  if (options.chart && options.chart.tag !== options.base?.tag) parts.push(`the chart's own release (its appVersion) ${at(options.chart)}`);
  const named = new Set([options.base?.tag, options.chart?.tag]);
  if (options.today && !named.has(options.today.tag)) parts.push(`the release it is today ${at(options.today)}`);
  if (options.newest && !named.has(options.newest.tag) && options.newest.tag !== options.today?.tag) parts.push(`the newest stable release on its track (${options.track}) ${at(options.newest)}`);
  const why = options.chosen === 'base' ? 'the base branch\'s, so nothing changes from what was reviewed' : options.chosen === 'chart' ? 'the chart\'s own, the version the chart was made and tested for' : options.chosen === 'today' ? 'the release it is today, so nothing changes on the nodes' : 'the newest on its track';
  const chosen = options.chosen ? options[options.chosen]! : undefined;
  const stateful = options.stateful && chosen && options.newest && options.newest.tag !== chosen.tag
    ? ` Moving this stateful image to another version is what stateful-major-change warns about: take a backup and follow its upgrade procedure.` : '';
  return `Move to a release: ${parts.join('; or ')}. The pin imagepin proposes uses \`${chosen?.tag}\` (${why}).${stateful}`;
}
