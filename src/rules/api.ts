import type { RuleId } from '../config/schema.js';
import { floatingChartVersion } from './catalog/floating-chart-version.js';
import { floatingTag } from './catalog/floating-tag.js';
import { mirrorFallback } from './catalog/mirror-fallback.js';
import { missingTag } from './catalog/missing-tag.js';
import { numericTag } from './catalog/numeric-tag.js';
import { platformMissing } from './catalog/platform-missing.js';
import { publicRegistry } from './catalog/public-registry.js';
import { pullPolicySkew } from './catalog/pull-policy-skew.js';
import { registrySelfPull } from './catalog/registry-self-pull.js';
import { staleDigest } from './catalog/stale-digest.js';
import { statefulMajorChange } from './catalog/stateful-major-change.js';
import { tagNotFound } from './catalog/tag-not-found.js';
import { unpinnedDigest } from './catalog/unpinned-digest.js';
import { unresolvableTemplate } from './catalog/unresolvable-template.js';
import { unresolvedReference } from './catalog/unresolved-reference.js';
import type { Rule } from './types.js';

/** Every rule, registered once, in the order findings of one line are listed. */
export const RULES: readonly Rule[] = [
  tagNotFound,
  floatingTag,
  missingTag,
  unpinnedDigest,
  staleDigest,
  pullPolicySkew,
  statefulMajorChange,
  numericTag,
  platformMissing,
  publicRegistry,
  registrySelfPull,
  mirrorFallback,
  floatingChartVersion,
  unresolvableTemplate,
  unresolvedReference,
];

export const RULES_BY_ID = new Map<RuleId, Rule>(RULES.map((r) => [r.id, r]));
