import { classifyTag } from '../../resolver/tags.js';
import { pinnedForm, registrySays, short, spanOf } from '../describe.js';
import type { Rule } from '../types.js';

/** A tag that moves (latest, main, dev, nightly, 16, 1.27) with no digest: incidents 1 and 5. */
export const floatingTag: Rule = {
  id: 'floating-tag',
  severity: 'error',
  summary: 'A floating tag (latest, main, dev, nightly, a partial version) without a digest',
  occurrence({ occ, resolution, ctx }) {
    const ref = occ.reference;
    if (!ref?.tag || ref.digest || occ.skipReason) return undefined;
    const kind = classifyTag(ref.tag, ctx.config.floatingTags);
    if (kind !== 'floating' && kind !== 'partial') return undefined;
    const what = kind === 'partial' ? 'a partial version that moves with every release' : 'a floating tag';
    const pinned = pinnedForm(ref, resolution);
    return {
      message: `\`${short(ref)}\` is ${what}: any push to it changes what runs, and a node restart can pick up a new build; ${registrySays({ resolution, ctx })}.`,
      fix: pinned ? `Pin it: \`${pinned}\`.` : 'Pin a release tag with its digest (`name:1.2.3@sha256:…`).',
      span: spanOf(occ),
    };
  },
};
