import type { Severity } from '../rules/types.js';

/** Each rule's risk in a few words, for headings and annotation titles; a rule not listed reads as its id. */
const TITLES: Record<string, string> = {
  'floating-tag': 'Floating tag',
  'missing-tag': 'No tag, so latest',
  'tag-not-found': 'Tag not found',
  'unpinned-digest': 'No digest',
  'stale-digest': 'Stale digest',
  'pull-policy-skew': 'Nodes can run different builds',
  'stateful-major-change': 'Stateful image changes version',
  'numeric-tag': 'Tag read as a number',
  'platform-missing': 'Platform missing',
  'public-registry': 'Pulled from a public registry',
  'registry-self-pull': 'Registry pulls itself through its mirror',
  'mirror-fallback': 'Mirror without a working fallback',
  'floating-chart-version': 'Floating chart version',
  'unresolvable-template': 'Templated reference',
  'unresolved-reference': 'Reference not resolved',
};

/** `Floating tag` for `floating-tag`: the risk in words. */
export function riskTitle(ruleId: string): string {
  return TITLES[ruleId] ?? `${ruleId.charAt(0).toUpperCase()}${ruleId.slice(1).replace(/-/g, ' ')}`;
}

export const ICONS: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
