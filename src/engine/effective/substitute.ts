import type { ConfigDataLayer, FluxKustomizationLayer } from '../../model/layers.js';
import type { Provenance } from '../../model/occurrence.js';
import { formatPath } from '../../model/position.js';

/** `${VAR}`, `${VAR:=default}`, `${VAR:-default}`: the forms Flux's envsubst fills (others are reported, not guessed). */
const VARIABLE = /\$\{([^}]*)\}/g;
const SIMPLE = /^([_a-zA-Z][_a-zA-Z0-9]*)(?:(:=|:-)(.*))?$/s;

export interface Substituted {
  raw: string;
  provenance: Provenance[];
  unknown?: string;
}

/** ConfigMaps and Secrets of the tree by name, for `substituteFrom` look-ups. */
export type ConfigIndex = Map<string, ConfigDataLayer[]>;

/** The ConfigMap or Secret a `substituteFrom` entry names: same name, and the Kustomization's namespace (or none written). */
function findConfig(index: ConfigIndex, flux: FluxKustomizationLayer, kind: string, name: string): ConfigDataLayer[] {
  return (index.get(name) ?? []).filter((c) => c.objectKind === kind && (c.namespace === undefined || flux.namespace === undefined || c.namespace === flux.namespace));
}

/**
 * Fills a reference's `${VAR}` as a Flux Kustomization's post-build substitution does: `substitute`
 * wins over `substituteFrom`, whose later entries win over earlier ones. A variable that may come
 * from a Secret, a ConfigMap that is not in the tree, or a form imagepin does not evaluate makes
 * the answer unknown, with the reason.
 */
export function substitute(raw: string, flux: FluxKustomizationLayer, index: ConfigIndex): Substituted | undefined {
  if (!raw.includes('${')) return undefined;
  const provenance: Provenance[] = [];
  const unknown: string[] = [];
  const sources = flux.substituteFrom.map((from) => ({ from, found: findConfig(index, flux, from.kind, from.name) }));
  /** The value, undefined when nothing sets it, null when it cannot be known (the reason is pushed). */
  const lookUp = (name: string): string | null | undefined => {
    const own = flux.substitute[name];
    if (own) {
      provenance.push({ kind: 'flux-substitute', file: flux.file, line: own.line, path: formatPath(own.path), detail: `postBuild.substitute sets ${name} to ${own.value}` });
      return own.value;
    }
    for (const { from, found } of [...sources].reverse()) {
      if (from.kind === 'Secret') {
        unknown.push(`${name} may come from Secret ${from.name} (substituteFrom, line ${from.line}), whose values imagepin does not read`);
        return null;
      }
      if (found.length > 1) {
        unknown.push(`${name}: the tree has ${found.length} ConfigMaps named ${from.name} (${found.map((c) => c.file).join(', ')})`);
        return null;
      }
      if (found.length === 0) {
        unknown.push(`${name} may come from ConfigMap ${from.name} (substituteFrom, line ${from.line}), which is not among the files imagepin read as a ConfigMap manifest (a generated one is not read)`);
        return null;
      }
      const entry = found[0]!.data[name];
      if (entry) {
        provenance.push({ kind: 'flux-substitute', file: found[0]!.file, line: entry.line, path: formatPath(entry.path), detail: `ConfigMap ${from.name} (substituteFrom of ${flux.file}) sets ${name} to ${entry.value}` });
        return entry.value;
      }
    }
    return undefined;
  };
  const out = raw.replace(VARIABLE, (whole, body: string) => {
    const match = SIMPLE.exec(body);
    if (!match) {
      unknown.push(`${whole} uses a substitution form imagepin does not evaluate`);
      return whole;
    }
    const [, name, op, fallback] = match;
    const value = lookUp(name!);
    if (typeof value === 'string') return value;
    if (value === null) return whole;
    if (op) {
      provenance.push({ kind: 'flux-substitute', file: flux.file, line: flux.line, detail: `${name} is not set, so its default ${fallback} is used` });
      return fallback!;
    }
    unknown.push(`${name} is set neither by postBuild.substitute of ${flux.file} nor by a ConfigMap of its substituteFrom in the tree (Flux would leave it empty)`);
    return whole;
  });
  return unknown.length ? { raw: out, provenance, unknown: unknown.join('; ') } : { raw: out, provenance };
}
