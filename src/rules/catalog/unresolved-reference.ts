import { short, spanOf } from '../describe.js';
import type { Rule } from '../types.js';
import type { ResolveErrorKind } from '../../resolver/errors.js';

/** What to do about each kind of failure; `not-found` is tag-not-found's, a fact rather than a failure. */
const FIXES: Record<Exclude<ResolveErrorKind, 'not-found'>, string> = {
  timeout: 'Run the check again once the registry answers (comment `/imagepin recheck`); an operator can raise IMAGEPIN_REGISTRY_TIMEOUT or IMAGEPIN_DEADLINE.',
  'rate-limited': 'Run the check again later, or pull through a mirror (`mirrors` in .github/imagepin.yml) so imagepin is not rate limited.',
  'registry-error': 'Run the check again later; if it persists, the registry (or its endpoint override) is misconfigured.',
  unauthorized: 'An operator must give imagepin credentials for this registry (Docker config.json), or the image name is wrong.',
  'own-limit': 'Run the check again (comment `/imagepin recheck`); the registry was not asked. If it persists, an operator should check imagepin\'s Redis (REDIS_URL) when the message names it, or raise the per-host limits (IMAGEPIN_REGISTRY_CONCURRENCY, IMAGEPIN_HOST_LIMITS and their rates) or IMAGEPIN_DEADLINE.',
  blocked: 'If this private registry is meant to be used, an operator must allow its host and port (IMAGEPIN_ALLOW_HOSTS); otherwise use a public or mirrored image.',
};

/**
 * A literal reference imagepin could not check (registry down or slow, deadline hit, breaker open,
 * refused): said out loud so that "no findings" never means "not checked".
 */
export const unresolvedReference: Rule = {
  id: 'unresolved-reference',
  severity: 'warning',
  summary: 'The registry could not be asked about the reference, so nothing about it was checked',
  occurrence({ occ, resolution }) {
    const ref = occ.reference;
    const error = resolution?.status === 'unresolved' ? resolution.error : undefined;
    if (!ref || occ.skipReason || !error || error.kind === 'not-found') return undefined;
    return {
      message: `imagepin could not check \`${short(ref)}\`: ${error.message}. Whether it exists, and which digest and release it is, are unknown.`,
      fix: FIXES[error.kind],
      span: spanOf(occ),
    };
  },
};
