import type { ChartRef, DisabledImage } from '../model/file-result.js';
import type { Occurrence } from '../model/occurrence.js';
import { notFollowedText, type NotFollowed } from '../model/not-followed.js';
import type { FetchedChart } from './fetch.js';
import { valueAt } from './merge.js';

/** Whether the repository's values write this image themselves (a string, or a map with its repository): its own notice is at that line already. */
function writtenByRepository(overrides: unknown, path: (string | number)[]): boolean {
  const value = valueAt(overrides, path);
  return typeof value === 'string' || (typeof value === 'object' && value !== null && ('repository' in value || 'image' in value));
}

/**
 * The chart's default images under a block whose merged values say `enabled: false` (decision
 * 59): not chart-default occurrences (as a subchart whose condition is false is left out), but
 * notices at the chart reference, so the images that were not checked are still named.
 */
export function disabledDefaults(ref: ChartRef, chart: FetchedChart, found: readonly NotFollowed[], overrides: unknown): NotFollowed[] {
  const span = ref.versionNode?.span ?? ref.span;
  const name = `${ref.chart} ${chart.version}`;
  return found.filter((n) => n.code === 'disabled-in-values' && !writtenByRepository(overrides, n.path)).map((n) => {
    const notice: NotFollowed = { file: ref.file, code: 'disabled-in-values', url: n.url, field: n.field, chart: name, path: n.path, span, message: '' };
    return { ...notice, message: notFollowedText(notice, `${ref.file}:${span.start.line}`) };
  });
}

/**
 * The disabled default images that a `valuesFrom` layer imagepin cannot read (a Secret, a
 * ConfigMap not in the tree) may enable (decision 64), each with a note: unless the release's own
 * `spec.values`, merged last, writes the boolean `false` at a key above it.
 */
export function unknownEnabled(ref: ChartRef, held: readonly DisabledImage[]): Occurrence[] {
  const why = ref.valuesFromUnknown;
  if (!why) return [];
  return held.filter((d) => valueAt(ref.values, d.key.split('.')) !== false).map((d) => ({
    ...d.occurrence,
    notes: [...(d.occurrence.notes ?? []), `the chart's values set ${d.key}: false, but a valuesFrom layer imagepin cannot read may enable it (${why}); so imagepin checks it (decision 64)`],
  }));
}
