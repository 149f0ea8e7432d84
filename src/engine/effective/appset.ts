import type { ArgoHelmLayer } from '../../model/layers.js';
import type { Effective, Occurrence } from '../../model/occurrence.js';
import { effectiveOf } from './apply.js';
import { MAX_ELEMENTS, type Expansion } from './generators.js';
import { provenanceOf, render } from './template.js';

/**
 * An ApplicationSet expands a templated image once per element its generators make: a plain
 * parameter is filled from the element (src/engine/effective/template.ts); a missing one, an
 * expression with functions or pipes, or an element imagepin cannot make is unknown.
 */
export function setEffective(occ: Occurrence, set: ArgoHelmLayer & { set: NonNullable<ArgoHelmLayer['set']> }, expansion: Expansion): Effective[] {
  if (!occ.raw.includes('{{')) return [];
  const context = (element: number): NonNullable<Effective['for']> => ({ kind: 'applicationset-element', file: set.file, ...(set.name && { name: set.name }), element });
  const out: Effective[] = expansion.elements.map((element, index) => {
    if ('unknown' in element) return { for: context(index), raw: occ.raw, provenance: [], unknown: element.unknown };
    const filled = render(occ.raw, element.params, set.set.goTemplate, `element ${index}`);
    return { for: context(index), ...effectiveOf(filled.text, provenanceOf(filled.used), filled.unknown.join('; ') || undefined) };
  });
  if (expansion.capped) {
    out.push({ for: context(MAX_ELEMENTS), raw: occ.raw, provenance: [], unknown: `the generators of ${set.file} make more than ${MAX_ELEMENTS} elements; imagepin expands the first ${MAX_ELEMENTS} (a limit, since the tree may be pull request content), so the others are not checked` });
  }
  return out;
}
