import { short, spanOf } from '../describe.js';
import type { Rule } from '../types.js';

/** `linux/arm64` is served by `linux/arm64/v8`; a platform with a variant needs that variant. */
function serves(available: string[], wanted: string): boolean {
  return available.some((p) => p === wanted || p.startsWith(`${wanted}/`));
}

/** The image lacks a platform the cluster runs (config `platforms`). */
export const platformMissing: Rule = {
  id: 'platform-missing',
  severity: 'error',
  summary: 'The image index lacks a platform the config lists for the cluster',
  occurrence({ occ, resolution, ctx }) {
    const ref = occ.reference;
    const available = resolution?.platforms;
    if (!ref || !available || ctx.config.platforms.length === 0) return undefined;
    const missing = ctx.config.platforms.filter((p) => !serves(available, p));
    if (missing.length === 0) return undefined;
    return {
      message: `\`${short(ref)}\` has no ${missing.join(' or ')} image (it has ${available.join(', ') || 'none'}): pods scheduled on those nodes fail with "exec format error".`,
      fix: 'Use a multi-platform release of the image, or keep these pods off those nodes with a nodeSelector.',
      span: spanOf(occ),
    };
  },
};
