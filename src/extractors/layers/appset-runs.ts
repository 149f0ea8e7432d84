import type { Node } from 'yaml';
import type { GeneratorRuns } from '../../model/generators.js';
import type { YamlPath } from '../../model/position.js';
import { isEmptyValue, isNullNode, type TemplateSpec } from '../common/appset-specs.js';

/** The parts of an Application source that decide images or the files they come from: mergo and a strategic merge patch replace each whole. */
export const PARTS = ['repoURL', 'chart', 'path', 'ref', 'helm.valueFiles', 'helm.parameters', 'helm.values', 'helm.valuesObject', 'kustomize.images', 'kustomize.patches'] as const;
export type Part = (typeof PARTS)[number];

/** One source as one template writes it: each part it sets, or (a patch) removes. */
export interface Written {
  spec: TemplateSpec;
  /** `source` or `sources/N`. */
  key: string;
  node: Node;
  path: YamlPath;
  parts: Map<Part, 'set' | 'removed'>;
}

interface Sources {
  single?: Written | 'removed';
  list?: Written[] | 'removed';
}

function written(spec: TemplateSpec, node: Node, path: YamlPath, key: string): Written {
  const view = spec.ctx.view;
  const parts = new Map<Part, 'set' | 'removed'>();
  for (const part of PARTS) {
    const [a, b] = part.split('.') as [string, string | undefined];
    const holder = b ? view.get(node, a) : node;
    const value = b ? (isNullNode(holder) ? holder : view.get(holder, b)) : view.get(node, a);
    if (value === undefined) continue;
    // mergo leaves an empty field to spec.template; a patch's null or empty value replaces (removes) it.
    if (!isEmptyValue(value)) parts.set(part, 'set');
    else if (spec.writer === 'patch') parts.set(part, 'removed');
  }
  return { spec, key, node, path, parts };
}

/** What one template writes of `source` and `sources`. */
export function sourcesOf(spec: TemplateSpec): Sources {
  const view = spec.ctx.view;
  const single = view.get(spec.spec, 'source');
  const list = view.get(spec.spec, 'sources');
  const out: Sources = {};
  const removes = spec.writer === 'patch';
  if (single !== undefined) out.single = isNullNode(single) ? (removes ? 'removed' : undefined) : written(spec, single!, [...spec.specPath, 'source'], 'source');
  if (list !== undefined) out.list = isEmptyValue(list) ? (removes ? 'removed' : undefined) : [...view.items(list)].map(([i, n]) => written(spec, n ?? list!, [...spec.specPath, 'sources', i], `sources/${i}`));
  return out;
}

/** One source the Applications of a generator get: each part from the template that wins it. */
export interface UsedSource {
  key: string;
  first: Written;
  pick: Map<Part, Written>;
}

/**
 * The sources one generator's Applications get, applying the templates in Argo CD's order: the
 * generator's own template over spec.template as mergo does (what it sets wins, an empty field is
 * filled), then spec.templatePatch as a strategic merge patch (a list replaces, null removes;
 * Argo CD's types give no list a merge key). `spec.sources`, when set, is used instead of `spec.source`.
 */
export function resolve(order: { spec: TemplateSpec; src: Sources }[]): { runs: GeneratorRuns; used: UsedSource[] } {
  let list: { by: TemplateSpec; items: Written[] } | undefined;
  let listRemovedBy: TemplateSpec | undefined;
  const single = new Map<Part, Written>();
  const removedBy = new Map<Part, TemplateSpec>();
  let first: Written | undefined;
  let unknown: string | undefined;
  for (const { spec, src } of order) {
    if (src.list === 'removed') {
      list = undefined;
      listRemovedBy = spec;
    } else if (src.list) list = { by: spec, items: src.list };
    if (src.single === 'removed') {
      for (const part of single.keys()) removedBy.set(part, spec);
      single.clear();
      first = undefined;
    } else if (src.single) {
      first ??= src.single;
      for (const [part, state] of src.single.parts) {
        if (state === 'removed') {
          single.delete(part);
          removedBy.set(part, spec);
        } else {
          if (spec.writer === 'patch' && part === 'helm.valuesObject' && single.has(part)) unknown ??= `${spec.what} sets helm.valuesObject over the one ${single.get(part)!.spec.what} sets, which Argo CD's strategic merge cannot merge into (argo-cd issue 22850: it stops with an error on a key both set), so what runs is not known`;
          single.set(part, src.single);
        }
      }
    }
  }
  if (unknown) return { runs: { unknown }, used: [] };
  const parts: Record<string, true | string> = {};
  for (const { spec, src } of order) {
    if (Array.isArray(src.list)) for (const w of src.list) for (const [part, state] of w.parts) {
      if (state === 'set') parts[`${spec.writer}:${w.key}/${part}`] = list?.by === spec ? true : list ? `${list.by.what} sets spec.sources, which replaces this list` : `${listRemovedBy!.what} removes spec.sources`;
    }
    if (src.single && src.single !== 'removed') for (const [part, state] of src.single.parts) {
      if (state !== 'set') continue;
      const winner = single.get(part);
      const object = single.get('helm.valuesObject');
      parts[`${spec.writer}:source/${part}`] = list ? `${list.by.what} sets spec.sources, which Argo CD uses instead of spec.source`
        : winner !== src.single ? (winner ? `${winner.spec.what} sets ${part} of spec.source` : `${removedBy.get(part)!.what} removes ${part} of spec.source`)
        : part === 'helm.values' && object && object.spec !== spec ? `${object.spec.what} sets helm.valuesObject, which Argo CD uses instead of helm.values` : true;
    }
  }
  const used: UsedSource[] = list
    ? list.items.map((w) => ({ key: w.key, first: w, pick: new Map([...w.parts].filter(([, s]) => s === 'set').map(([p]) => [p, w])) }))
    : first ? [{ key: 'source', first, pick: single }] : [];
  return { runs: { parts }, used };
}
