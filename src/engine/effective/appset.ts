import type { ArgoHelmLayer } from '../../model/layers.js';
import type { Effective, Occurrence } from '../../model/occurrence.js';
import { effectiveOf } from './apply.js';

const EXPRESSION = /\{\{-?\s*(.*?)\s*-?\}\}/g;
/** `{{ .key }}`, `{{ .values.key }}` (goTemplate) and `{{key}}`, `{{values.key}}` (fasttemplate): a plain key, nothing evaluated. */
const KEY = /^\.?([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*)$/;

/**
 * An ApplicationSet list generator expands a templated image once per element: a plain key is
 * filled from the element; a missing key, or an expression with functions or pipes, is unknown.
 */
export function listEffective(occ: Occurrence, set: ArgoHelmLayer): Effective[] {
  if (!set.elements || !occ.raw.includes('{{')) return [];
  return set.elements.map((element, index) => {
    const unknown: string[] = [];
    const used: string[] = [];
    const raw = occ.raw.replace(EXPRESSION, (whole, body: string) => {
      const key = KEY.exec(body)?.[1];
      if (!key) {
        unknown.push(`${whole} is an expression imagepin does not evaluate`);
        return whole;
      }
      const value = element.values[key];
      if (value === undefined) {
        unknown.push(`element ${index} (line ${element.line}) has no ${key}`);
        return whole;
      }
      used.push(`${key} = ${value}`);
      return value;
    });
    const provenance = used.length ? [{ kind: 'applicationset-list' as const, file: set.file, line: element.line, detail: `list generator element ${index} sets ${used.join(', ')}` }] : [];
    return { for: { kind: 'applicationset-element' as const, file: set.file, ...(set.name && { name: set.name }), element: index }, ...effectiveOf(raw, provenance, unknown.join('; ') || undefined) };
  });
}
