import type { Occurrence } from './occurrence.js';
import type { Span } from './position.js';

/** Every line an occurrence is written on: registry, repository, tag, digest (or the one string), and its pull policy. */
export function occurrenceLines(occ: Pick<Occurrence, 'parts' | 'pullPolicy'>): number[] {
  const spans: Span[] = [...Object.values(occ.parts).map((p) => p!.span), ...(occ.pullPolicy ? [occ.pullPolicy.span] : [])];
  return [...new Set(spans.flatMap((s) => Array.from({ length: s.end.line - s.start.line + 1 }, (_, i) => s.start.line + i)))];
}
