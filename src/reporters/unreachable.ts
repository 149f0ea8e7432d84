import { isUnreachable } from '../resolver/errors.js';
import type { Resolution } from '../resolver/types.js';

/** Every reference unresolved because no registry was heard from: the distinct reasons, and how many references. */
export interface NoRegistry {
  reasons: string[];
  references: number;
}

/**
 * Whether no registry answered at all (the machine is offline, a proxy or firewall is in the way):
 * every unique reference unresolved with a connection error or a timeout. One that answered,
 * even 404 or 401, means the network works, and then the per-reference errors are the news.
 */
export function noRegistryAnswered(resolutions: Map<string, Resolution> | undefined): NoRegistry | undefined {
  if (!resolutions || resolutions.size === 0) return undefined;
  const reasons = new Set<string>();
  for (const r of resolutions.values()) {
    if (r.status !== 'unresolved' || !r.error || !isUnreachable(r.error)) return undefined;
    reasons.add(r.error.message);
  }
  return { reasons: [...reasons], references: resolutions.size };
}

/** The one line said instead of the same error on every reference, with what to do. */
export function noRegistryLine(none: NoRegistry): string {
  const shown = none.reasons.slice(0, 3).join('; ');
  const more = none.reasons.length > 3 ? `; and ${none.reasons.length - 3} more` : '';
  const all = none.references === 1 ? 'the 1 unique reference is' : `all ${none.references} unique references are`;
  return `No registry answered (${shown}${more}), so ${all} unresolved and reported as such. Offline? Run with --offline to check without registries; otherwise check the network, proxy or --endpoint settings.`;
}
