import { isMap, isScalar, type Node } from 'yaml';
import type { ArgoSync } from '../../model/file-result.js';
import type { DocContext } from '../types.js';

/**
 * What an Application spec (or ApplicationSet template) says of automated sync, as Argo CD reads it:
 * `syncPolicy.automated` present as a map (`{}` too) is automated unless its `enabled` is `false`
 * (Argo CD 3; a missing or null `enabled` counts as on); no `automated` is manual, as far as the tree
 * says. Undefined where the tree does not tell: a templated or null `automated`, a templated or
 * non-boolean `enabled`.
 */
export function syncOf(ctx: DocContext, spec: Node): ArgoSync | undefined {
  const policy = ctx.view.get(spec, 'syncPolicy');
  if (!policy) return 'manual';
  if (!isMap(ctx.view.deref(policy))) return undefined;
  const automated = ctx.view.get(policy, 'automated');
  if (automated === undefined) return 'manual';
  // `automated:` with no value, a templated string, a list: what Argo CD makes of it is not read here.
  if (!isMap(automated)) return undefined;
  const enabled = ctx.view.get(automated, 'enabled');
  if (enabled === undefined || (isScalar(enabled) && enabled.value === null)) return 'automated';
  if (isScalar(enabled) && typeof enabled.value === 'boolean') return enabled.value ? 'automated' : 'disabled';
  return undefined;
}
