import { short, spanOf } from '../describe.js';
import type { Rule } from '../types.js';

/** The registry has no such tag or digest (incident 2: ceph:v17.2.31 sat unnoticed for a month). */
export const tagNotFound: Rule = {
  id: 'tag-not-found',
  severity: 'error',
  summary: 'The registry answers 404 for the tag or the pinned digest',
  occurrence({ occ, resolution }) {
    const ref = occ.reference;
    if (!ref || !resolution) return undefined;
    if (resolution.error?.kind === 'not-found') {
      return {
        message: `\`${short(ref)}\` does not exist in ${ref.registry}: a pod that needs it fails with ImagePullBackOff on every node that has not cached it.`,
        fix: 'Check the tag for a typo against the registry\'s tag list, and use one that exists.',
        span: spanOf(occ, ['tag', 'digest', 'image', 'repository']),
      };
    }
    if (resolution.pinned && !resolution.pinned.exists) {
      return {
        message: `The pinned digest ${resolution.pinned.digest.slice(0, 19)}… of \`${short({ ...ref, digest: undefined })}\` does not exist in ${ref.registry} (it may have been garbage-collected): pods cannot start on a node that has not cached it.`,
        fix: `Pin the digest the tag has now (${resolution.digest}) or one that exists.`,
        span: spanOf(occ, ['digest', 'image']),
      };
    }
    return undefined;
  },
};
