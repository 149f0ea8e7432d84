import type { Provenance } from '../../model/occurrence.js';
import { EXPRESSION, FIELD, INDEX } from '../../extractors/common/appset-expr.js';

/** Where a parameter comes from, for provenance: a list element, a config file, a matched folder. */
export interface Origin {
  kind: Extract<Provenance['kind'], `applicationset-${string}`>;
  file: string;
  line: number;
  /** What sets the parameters, as the start of a sentence: `list generator element 0`. */
  what: string;
  /** Said after what it sets: the repoURL assumption. */
  note?: string;
}

/** One generator parameter: its value as Argo CD prints it, or why it is not known. */
export interface Param {
  value: string;
  origin: Origin;
  line: number;
  unknown?: string;
}

export type Params = Record<string, Param>;


export interface Rendered {
  text: string;
  used: { key: string; param: Param }[];
  unknown: string[];
}

/**
 * Fills a template string as the ApplicationSet controller does, for plain parameters only:
 * goTemplate `{{ .a.b }}` and `{{ index .a.b 1 }}`; fasttemplate `{{a.b}}` and `{{path[1]}}`, which
 * leaves a tag it has no parameter for as written. Any other expression is unknown, never guessed.
 */
export function render(text: string, params: Params, goTemplate: boolean, element: string): Rendered {
  const used: Rendered['used'] = [];
  const unknown: string[] = [];
  const out = text.replace(EXPRESSION, (whole, body: string) => {
    let key: string | undefined;
    if (goTemplate) {
      const field = FIELD.exec(body);
      const index = field ? undefined : INDEX.exec(body);
      key = field ? field[1] : index ? `${index[1]}[${index[2]}]` : undefined;
      if (!key) {
        unknown.push(`${whole} is an expression imagepin does not evaluate`);
        return whole;
      }
    } else key = body;
    const param = params[key];
    if (!param) {
      unknown.push(goTemplate ? `${element} has no ${key}` : `${element} has no ${key}, so fasttemplate (goTemplate is not set) leaves ${whole} as written`);
      return whole;
    }
    if (param.unknown) {
      unknown.push(param.unknown);
      return whole;
    }
    used.push({ key, param });
    return param.value;
  });
  return { text: out, used, unknown };
}

/** One provenance entry per origin of the parameters used, in the order first used. */
export function provenanceOf(used: Rendered['used']): Provenance[] {
  const byOrigin = new Map<Origin, { line: number; sets: string[] }>();
  for (const { key, param } of used) {
    const entry = byOrigin.get(param.origin) ?? { line: param.line, sets: [] };
    const text = `${key} = ${param.value}`;
    if (!entry.sets.includes(text)) entry.sets.push(text);
    byOrigin.set(param.origin, entry);
  }
  return [...byOrigin].map(([origin, { line, sets }]) => ({ kind: origin.kind, file: origin.file, line, detail: `${origin.what} sets ${sets.join(', ')}${origin.note ? ` ${origin.note}` : ''}` }));
}
