import { pinnedForm, registrySays, short, spanOf, tagClass } from '../describe.js';
import type { Rule } from '../types.js';

/** A release tag with no digest: the tag can be pushed again, and retention can prune it. */
export const unpinnedDigest: Rule = {
  id: 'unpinned-digest',
  severity: 'warning',
  summary: 'A tag that resolves, written without its digest',
  occurrence({ occ, resolution, ctx }) {
    const ref = occ.reference;
    if (!ref?.tag || ref.digest || occ.skipReason) return undefined;
    // Floating tags are floating-tag's; a tag the registry does not have is tag-not-found's.
    const kind = tagClass(ref.tag, resolution, ctx);
    if (kind === 'floating' || kind === 'partial' || kind === 'short-unknown' || resolution?.error?.kind === 'not-found') return undefined;
    const pinned = pinnedForm(ref, resolution);
    const now = resolution?.status === 'resolved' ? '' : ` (${registrySays({ resolution, ctx })})`;
    return {
      message: `\`${short(ref)}\` is not pinned to a digest: the tag can be pushed again with other content${now}.`,
      fix: pinned ? `Pin it: \`${pinned}\`.` : 'Add the digest the tag has (`name:1.2.3@sha256:…`).',
      span: spanOf(occ),
    };
  },
};
