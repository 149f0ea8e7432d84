import { short, spanOf } from '../describe.js';
import type { Rule } from '../types.js';

/** `tag@digest` where the tag now points elsewhere: the digest wins at pull time, so the tag misleads readers. */
export const staleDigest: Rule = {
  id: 'stale-digest',
  severity: 'warning',
  summary: 'tag@digest where the tag now resolves to another digest',
  occurrence({ occ, resolution }) {
    const ref = occ.reference;
    const pin = resolution?.pinned;
    if (!ref || !pin || !pin.exists || pin.tagMatches) return undefined;
    return {
      message: `\`${short({ ...ref, digest: undefined })}\` now points to ${resolution?.digest?.slice(0, 19)}…, but the pinned digest is ${pin.digest.slice(0, 19)}…: nodes run the pinned image, while the file reads like the current \`${ref.tag}\`.`,
      fix: `Update the digest to ${resolution?.digest}, or change the tag to the release that has the pinned digest.`,
      span: spanOf(occ, ['digest', 'image']),
    };
  },
};
