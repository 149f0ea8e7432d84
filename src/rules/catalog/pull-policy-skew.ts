import { short, spanOf, tagClass, whyUnknown } from '../describe.js';
import type { Rule } from '../types.js';

/**
 * A mutable reference pulled IfNotPresent: each node keeps the build it pulled first (incident 1).
 * With no policy written, Kubernetes defaults to IfNotPresent for any tag but `latest`, and Helm
 * charts nearly always default `pullPolicy: IfNotPresent`; compose's `missing` means the same.
 * A short tag imagepin could not classify (`124`, `8.31` offline) may or may not move: the message
 * says so instead of calling it mutable. Neither says nodes *do* run different builds: imagepin cannot
 * know whether the tag moved between the nodes' pulls, only that it can (decision 0060).
 */
export const pullPolicySkew: Rule = {
  id: 'pull-policy-skew',
  severity: 'warning',
  summary: 'A mutable reference with pull policy IfNotPresent (or none), so nodes can run different builds',
  occurrence({ occ, resolution, ctx }) {
    const ref = occ.reference;
    if (!ref || ref.digest || occ.skipReason) return undefined;
    const tag = ref.tag ?? 'latest';
    const kind = tagClass(tag, resolution, ctx);
    if (kind !== 'floating' && kind !== 'partial' && kind !== 'short-unknown') return undefined;
    const policy = occ.pullPolicy?.value;
    const ifNotPresent = policy === 'IfNotPresent' || policy === 'missing';
    const implicit = policy === undefined && tag !== 'latest' && occ.format !== 'compose';
    if (!ifNotPresent && !implicit) return undefined;
    const how = implicit ? 'no pull policy (so IfNotPresent, the default)' : `pull policy ${policy}`;
    const what = kind === 'short-unknown'
      ? `may be mutable (a release, or a partial version that moves with each patch release; imagepin could not tell which: ${whyUnknown(resolution, ctx.offline)}) and is pulled with ${how}: if it moves, each node keeps whichever build it pulled first, so nodes can run different images and a reschedule can switch versions`
      : `is mutable and pulled with ${how}: each node keeps the build it pulled first, so once the tag moves, nodes can run different images and a reschedule can switch versions`;
    return {
      message: `\`${short(ref)}\` ${what}.`,
      fix: 'Pin the digest; with a digest, IfNotPresent is safe and fast.',
      span: occ.pullPolicy?.span ?? spanOf(occ),
    };
  },
};
