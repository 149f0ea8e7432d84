import { short, spanOf, tagClass } from '../describe.js';
import type { Rule } from '../types.js';

/**
 * A mutable reference pulled IfNotPresent: each node keeps the build it pulled first (incident 1).
 * With no policy written, Kubernetes defaults to IfNotPresent for any tag but `latest`, and Helm
 * charts nearly always default `pullPolicy: IfNotPresent`; compose's `missing` means the same.
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
    return {
      message: `\`${short(ref)}\` is mutable and pulled with ${how}: each node keeps whichever build it pulled first, so nodes run different images and a reschedule can switch versions.`,
      fix: 'Pin the digest; with a digest, IfNotPresent is safe and fast.',
      span: occ.pullPolicy?.span ?? spanOf(occ),
    };
  },
};
