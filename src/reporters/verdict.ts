import type { Diagnostic } from '../model/file-result.js';
import { atLeast } from '../rules/run.js';
import type { Finding, Severity } from '../rules/types.js';
import { ICONS, plural } from './risk-titles.js';

export type FailOn = 'error' | 'warning' | 'never';

/** The verdict every output shares, so the comment's header never disagrees with the check's conclusion. */
export interface Verdict {
  icon: string;
  /** Findings at or above failOn: what fails the check. */
  blocking: Finding[];
  counts: Record<Severity, number>;
  /** `2 errors, 3 warnings`, or `no risks`. */
  countText: string;
  /** One line: what blocks the merge (or that nothing does, and why). */
  headline: string;
}

const ORDER: Severity[] = ['error', 'warning', 'info'];

/** `2 errors, 1 warning, 3 notes`. */
export function countText(findings: Finding[]): string {
  const parts = ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  return parts.length ? parts.map(([s, n]) => plural(n, s === 'info' ? 'note' : s)).join(', ') : 'no risks';
}

/** The verdict of a set of findings under a failOn policy, with the files and charts that were not checked. */
export function verdictOf(findings: Finding[], failOn: FailOn, references: number, diagnostics: Diagnostic[] = []): Verdict {
  const blocking = failOn === 'never' ? [] : findings.filter((f) => atLeast(f.severity, failOn));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const text = countText(findings);
  const unchecked = diagnostics.length ? `; ${plural(diagnostics.length, 'file or chart')} could not be checked` : '';
  let icon: string;
  let headline: string;
  if (blocking.length > 0) {
    icon = ICONS.error;
    const blocks = new Set(blocking);
    const rest = findings.filter((f) => !blocks.has(f));
    headline = `${countText(blocking)} block${blocking.length === 1 ? 's' : ''} the merge${rest.length ? `; ${countText(rest)} do${rest.length === 1 ? 'es' : ''} not` : ''}${unchecked}`;
  } else if (findings.length > 0) {
    icon = counts.error + counts.warning > 0 ? ICONS.warning : ICONS.info;
    headline = `${text}; nothing blocks the merge${failOn === 'never' ? ' (failOn is never)' : ` (failOn is ${failOn})`}${unchecked}`;
  } else {
    icon = diagnostics.length ? ICONS.warning : '✅';
    headline = `no risks found in ${plural(references, 'image reference')}${unchecked}`;
  }
  return { icon, blocking, counts, countText: text, headline };
}
