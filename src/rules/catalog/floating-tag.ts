import { pinnedForm, registrySays, releaseFix, short, spanOf, tagClass, whyUnknown } from '../describe.js';
import { crossplanePackage } from '../../model/crossplane.js';
import type { Rule } from '../types.js';

/**
 * A tag that moves (latest, main, dev, nightly, a partial `16` or `1.27`) with no digest:
 * incidents 1 and 5. A short tag is partial only when the registry has longer tags below it;
 * when imagepin could not ask, it says so and warns instead of claiming.
 */
export const floatingTag: Rule = {
  id: 'floating-tag',
  severity: 'error',
  summary: 'A floating tag (latest, main, dev, nightly, a partial version) without a digest',
  occurrence({ occ, resolution, releases, ctx }) {
    const ref = occ.reference;
    if (!ref?.tag || ref.digest || occ.skipReason) return undefined;
    const kind = tagClass(ref.tag, resolution, ctx);
    if (kind !== 'floating' && kind !== 'partial' && kind !== 'short-unknown') return undefined;
    const pinned = pinnedForm(ref, resolution);
    // A development build pinned by digest is frozen, not fixed: the fix names a release instead.
    const devBuild = resolution?.versionSource === 'development-build';
    const plain = pinned && !devBuild ? `Pin it: \`${pinned}\`.` : devBuild ? 'Move to a release tag with its digest (`name:1.2.3@sha256:…`); pinning this build by digest only freezes it.' : 'Pin a release tag with its digest (`name:1.2.3@sha256:…`).';
    const fix = releaseFix(ref, releases, plain);
    if (kind === 'short-unknown') {
      return {
        message: `\`${short(ref)}\` is a release, or a partial version that moves with each patch release if the registry has longer tags below it; imagepin could not tell which (${whyUnknown(resolution, ctx.offline)}).`,
        fix,
        span: spanOf(occ),
        severity: 'warning',
      };
    }
    // A Crossplane Configuration package runs on no node: Crossplane installs whatever build it pulls next.
    const moves = crossplanePackage(occ) === 'installs' ? 'and Crossplane installs a new build when it pulls the package again' : 'and a node restart can pick up a new build';
    const what = kind === 'partial' ? 'a partial version: the registry has longer tags below it, and it moves with each of them' : 'a floating tag';
    return {
      message: `\`${short(ref)}\` is ${what}: any push to it changes what is pulled, ${moves}; ${registrySays({ resolution, ctx })}.`,
      fix,
      span: spanOf(occ),
    };
  },
};
