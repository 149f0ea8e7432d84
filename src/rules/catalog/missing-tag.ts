import { pinnedForm, registrySays, releaseFix, short, spanOf } from '../describe.js';
import type { Rule } from '../types.js';

/** No tag and no digest: Kubernetes pulls `latest` (incident 1). */
export const missingTag: Rule = {
  id: 'missing-tag',
  severity: 'error',
  summary: 'No tag and no digest, so the image is pulled as latest',
  occurrence({ occ, resolution, releases, ctx }) {
    const ref = occ.reference;
    if (!ref || ref.tag || ref.digest || occ.skipReason) return undefined;
    const pinned = pinnedForm(ref, resolution);
    return {
      message: `\`${short(ref)}\` has no tag, so it is pulled as \`latest\`, which moves; ${registrySays({ resolution, ctx })}.`,
      fix: releaseFix(ref, releases, pinned && resolution?.versionSource !== 'development-build' ? `Pin it: \`${pinned}\`.` : 'Add a release tag and its digest (`name:1.2.3@sha256:…`).'),
      span: spanOf(occ, ['image', 'repository']),
    };
  },
};
