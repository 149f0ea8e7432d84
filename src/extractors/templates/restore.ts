import type { FileResult } from '../../model/file-result.js';
import type { Occurrence } from '../../model/occurrence.js';
import { templatedReason } from '../common/templated.js';
import { restore } from './neutralise.js';

/** Every string of plain data with template openers put back (the results of extractors hold no cycles, but guard anyway). */
function restoreDeep<T>(value: T, seen = new WeakSet<object>()): T {
  if (typeof value === 'string') return restore(value) as T;
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => restoreDeep(v, seen)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [restore(k), restoreDeep(v, seen)])) as T;
}

/**
 * An occurrence found in neutral text, as the template file writes it. One any of whose parts
 * touches a template block is templated, with the block as its reason: it is reported
 * (unresolvable-template), never resolved or pinned.
 */
export function restoreOccurrence(occ: Occurrence, original: string, neutral: string): Occurrence {
  const touched = Object.values(occ.parts).some(({ node }) => original.slice(node.span.start.offset, node.span.end.offset) !== neutral.slice(node.span.start.offset, node.span.end.offset));
  const restored = restoreDeep(occ);
  if (!touched) return restored;
  delete restored.reference;
  restored.skipReason = 'templated';
  restored.skipDetail = templatedReason(restored.raw) ?? 'written with a template block that is filled in at render time';
  if (occ.shape === 'string' || occ.shape === 'argocd-kustomize-image') {
    // As for any templated single string: only the whole value is a part, its pieces are unknown.
    restored.parts = restored.parts.image ? { image: restored.parts.image } : restored.parts;
  }
  return restored;
}

/** Puts a template file's own text back into everything extracted from its neutral text. */
export function restoreResult(result: FileResult, original: string, neutral: string): void {
  result.occurrences = result.occurrences.map((occ) => restoreOccurrence(occ, original, neutral));
  result.charts = restoreDeep(result.charts);
  result.mirrors = restoreDeep(result.mirrors);
  result.repositories = restoreDeep(result.repositories);
  if (result.chartMetadata) result.chartMetadata = restoreDeep(result.chartMetadata);
}
