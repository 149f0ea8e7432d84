// The immutable-tag rule planner at fleet scale: repositories of one Harbor project grouped into 15 rules.
import { planRules } from '../src/deploy/harbor/rule-plan.js';
import type { Row } from './extraction.js';

/** `n` repositories with 4 protected releases each; every third shares its versions with its neighbour. */
function desired(n: number): Map<string, Set<string>> {
  return new Map(Array.from({ length: n }, (_, i) => [`team/svc-${i}`, new Set(Array.from({ length: 4 }, (_, k) => `1.${Math.floor(i / 3)}.${k}`))]));
}

export function benchProtect(): Row[] {
  const rows: Row[] = [];
  for (const n of [15, 60, 200]) {
    const start = performance.now();
    const plan = planRules([], desired(n));
    const ms = performance.now() - start;
    rows.push(['protect', `plan ${n} repositories into ${plan.groups.length} rules`, `${ms.toFixed(1)} ms, ${plan.overreach} extra repository/tag pairs protected`]);
  }
  return rows;
}
