import { short, spanOf, tagClass, whyUnknown } from '../describe.js';
import { crossplanePackage } from '../../model/crossplane.js';
import type { RetagPolicy } from '../retag-policies.js';
import type { Rule } from '../types.js';

const DEFAULT = 'no pull policy (so IfNotPresent, the default)';

/** The policy as written beside the reference, when it skews: undefined when it does not. */
function ownPolicy(policy: string | undefined, tag: string, format: string, crossplane = false): string | undefined {
  if (policy === 'IfNotPresent' || policy === 'missing') return `pull policy ${policy}`;
  // Crossplane's packagePullPolicy is IfNotPresent by default, for `latest` too (decision 0071).
  if (policy === undefined && crossplane) return 'no packagePullPolicy (so IfNotPresent, Crossplane\'s default)';
  return policy === undefined && tag !== 'latest' && format !== 'compose' ? DEFAULT : undefined;
}

/** `file:line`, the first three and how many more. */
function places(list: readonly RetagPolicy[]): string {
  const shown = list.slice(0, 3).map((r) => `${r.file}:${r.line}`).join(', ');
  return list.length > 3 ? `${shown} and ${list.length - 3} more` : shown;
}

/**
 * An overlay's `images:` entry writes no pull policy: the containers it retags do (decision 0063).
 * Says which policy they write and where, or undefined when none of them skews.
 */
function retagPolicy(retagged: readonly RetagPolicy[], tag: string): string | undefined {
  const skews = retagged.filter((r) => (r.policy === undefined ? tag !== 'latest' : r.policy === 'IfNotPresent'));
  if (skews.length === 0) return undefined;
  const written = new Set(skews.map((r) => r.policy ?? ''));
  const whose = skews.length === retagged.length ? (retagged.length === 1 ? 'the container it retags' : `the ${retagged.length} containers it retags`) : `${skews.length} of the ${retagged.length} containers it retags`;
  if (written.size > 1) return `pull policy IfNotPresent, written or by default (${whose}: ${places(skews)})`;
  if (skews[0]!.policy) return `pull policy ${skews[0]!.policy} (written on ${whose}: ${places(skews)})`;
  return `no pull policy (so IfNotPresent, the default; ${whose} ${skews.length === 1 ? 'writes' : 'write'} none: ${places(skews)})`;
}

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
  occurrence(input) {
    const { occ, resolution, ctx } = input;
    const ref = occ.reference;
    // A Crossplane Configuration package runs on no node, so no two nodes can hold different builds of it.
    const crossplane = crossplanePackage(occ);
    if (!ref || ref.digest || occ.skipReason || crossplane === 'installs') return undefined;
    const tag = ref.tag ?? 'latest';
    const kind = tagClass(tag, resolution, ctx);
    if (kind !== 'floating' && kind !== 'partial' && kind !== 'short-unknown') return undefined;
    // Read only here, past the early returns: in a streamed scan it reads the retagged files back.
    const retagged = occ.pullPolicy ? undefined : input.retagged;
    const how = !retagged?.length ? ownPolicy(occ.pullPolicy?.value, tag, occ.format, crossplane === 'runs') : retagPolicy(retagged, tag);
    if (!how) return undefined;
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
