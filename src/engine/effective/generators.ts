import type { AppSetGenerators, GeneratorSpec, ListGenerator, Selector } from '../../model/generators.js';
import type { GitTree } from './git-files.js';
import { gitSets, type Generated } from './git-params.js';
import { render, type Origin, type Params } from './template.js';

/** Elements expanded per ApplicationSet at most: the generators are PR content, and a matrix multiplies. */
export const MAX_ELEMENTS = 256;

/** What an ApplicationSet's generators make, in Argo CD's order: each element's parameters, or why it is unknown. */
export interface Expansion {
  /** Each element with the index of the top-level generator that makes it (whose own `template:` it gets). */
  elements: (({ params: Params } | { unknown: string }) & { generator: number })[];
  /** More elements than MAX_ELEMENTS were made; the rest are not expanded. */
  capped: boolean;
}

interface Ctx {
  file: string;
  goTemplate: boolean;
  tree: GitTree;
}

/** A list's elements; inside a matrix, Argo CD first fills the second generator's text with the first one's parameters. */
function listSets(spec: ListGenerator, ctx: Ctx, outer: Params): Params[] {
  return spec.elements.map((element, index) => {
    const origin: Origin = { kind: 'applicationset-list', file: ctx.file, line: element.line, what: `list generator element ${index}` };
    return Object.fromEntries(Object.entries(element.params).map(([key, leaf]) => {
      if (!leaf.value.includes('{{') || Object.keys(outer).length === 0) return [key, { value: leaf.value, origin, line: element.line }];
      const filled = render(leaf.value, outer, ctx.goTemplate, 'the first matrix generator');
      return [key, { value: filled.text, origin, line: element.line, ...(filled.unknown.length && { unknown: filled.unknown.join('; ') }) }];
    }));
  });
}

/** The generator's `values:`, templated with each element's own parameters, as `values.key`. */
function withValues(spec: GeneratorSpec, sets: Params[], ctx: Ctx): Params[] {
  if (!spec.values) return sets;
  const origin: Origin = { kind: spec.kind === 'list' ? 'applicationset-list' : 'applicationset-git-files', file: ctx.file, line: spec.line, what: `the values of the generator at line ${spec.line}` };
  return sets.map((params) => {
    const out = { ...params };
    for (const [key, text] of Object.entries(spec.values!)) {
      const filled = render(text, params, ctx.goTemplate, 'the element');
      out[`values.${key}`] = { value: filled.text, origin, line: spec.line, ...(filled.unknown.length && { unknown: filled.unknown.join('; ') }) };
    }
    return out;
  });
}

/** Kubernetes label-selector semantics over the element's parameters; undefined for an operator imagepin does not know. */
function selected(selector: Selector, params: Params): boolean | undefined {
  for (const [key, value] of Object.entries(selector.matchLabels)) if (params[key]?.value !== value) return false;
  for (const { key, operator, values } of selector.matchExpressions) {
    const value = params[key]?.value;
    if (operator === 'In' && (value === undefined || !values.includes(value))) return false;
    else if (operator === 'NotIn' && value !== undefined && values.includes(value)) return false;
    else if (operator === 'Exists' && value === undefined) return false;
    else if (operator === 'DoesNotExist' && value !== undefined) return false;
    else if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(operator)) return undefined;
  }
  return true;
}

/** The value of a merge key: a flat parameter, or (goTemplate) every parameter under a top-level map. */
function mergeValue(params: Params, key: string, goTemplate: boolean): string {
  if (!goTemplate) return JSON.stringify(params[key]?.value ?? null);
  // A Go template's parameters are nested maps, and Argo CD looks a merge key up at the top level only.
  if (key.includes('.')) return 'null';
  return JSON.stringify(Object.entries(params).filter(([k]) => k === key || k.startsWith(`${key}.`) || k.startsWith(`${key}[`)).map(([k, p]) => [k, p.value]));
}

function generate(spec: GeneratorSpec, ctx: Ctx, outer: Params, budget: number): Generated {
  const at = `the ${spec.kind} generator at ${ctx.file} line ${spec.line}`;
  let result: Generated;
  if (spec.kind === 'other') return { unknown: `${spec.reason ?? spec.name}` };
  if (spec.kind === 'list') result = { sets: listSets(spec, ctx, outer) };
  else if (spec.kind === 'git') result = gitSets(spec, { file: ctx.file, goTemplate: ctx.goTemplate, tree: ctx.tree }, outer);
  else if (spec.kind === 'matrix') {
    if (spec.children.length !== 2) return { unknown: `${at} has ${spec.children.length} generators; Argo CD's matrix takes two` };
    const first = generate(spec.children[0]!, ctx, outer, budget);
    if ('unknown' in first) return first;
    const sets: Params[] = [];
    for (const a of first.sets) {
      const second = generate(spec.children[1]!, ctx, { ...outer, ...a }, budget);
      if ('unknown' in second) return second;
      for (const b of second.sets) {
        const clash = ctx.goTemplate ? undefined : Object.keys(b).find((k) => a[k] !== undefined && a[k].value !== b[k]!.value);
        if (clash) return { unknown: `${at}: both generators set ${clash} (${a[clash]!.value}, ${b[clash]!.value}), and Argo CD stops with an error` };
        // goTemplate: the first generator's parameters win (mergo.Merge WithOverride, b then a).
        sets.push({ ...b, ...a });
        if (sets.length > budget) return { sets };
      }
    }
    result = { sets };
  } else {
    if (spec.children.length < 2 || spec.mergeKeys.length === 0) return { unknown: `${at} needs two generators and mergeKeys; Argo CD stops with an error` };
    const all = spec.children.map((child) => generate(child, ctx, outer, budget));
    const failed = all.find((g) => 'unknown' in g);
    if (failed) return failed;
    const byKey: Map<string, Params>[] = [];
    for (const [i, g] of all.entries()) {
      const map = new Map<string, Params>();
      for (const params of (g as { sets: Params[] }).sets) {
        const key = spec.mergeKeys.map((k) => mergeValue(params, k, ctx.goTemplate)).join(',');
        if (map.has(key)) return { unknown: `${at}: two elements of generator ${i} have the same mergeKeys (${spec.mergeKeys.join(', ')}), and Argo CD stops with an error` };
        map.set(key, params);
      }
      byKey.push(map);
    }
    // The first generator's elements, each overridden by the later ones that share its merge keys.
    // A parameter the later element sets to the same value keeps its first origin (the merge keys, at least).
    const over = (acc: Params, later: Params | undefined): Params => ({ ...acc, ...Object.fromEntries(Object.entries(later ?? {}).filter(([k, p]) => acc[k]?.value !== p.value)) });
    result = { sets: [...byKey[0]!].map(([key, base]) => byKey.slice(1).reduce((acc, map) => over(acc, map.get(key)), base)) };
  }
  if ('unknown' in result) return result;
  let sets = withValues(spec, result.sets, ctx);
  if (spec.selector) {
    const keep: Params[] = [];
    for (const params of sets) {
      const ok = selected(spec.selector, params);
      if (ok === undefined) return { unknown: `${at} has a selector operator imagepin does not know` };
      if (ok) keep.push(params);
    }
    sets = keep;
  }
  return { sets };
}

/** Every element an ApplicationSet's generators make over this tree, at most MAX_ELEMENTS. */
export function expand(set: AppSetGenerators, file: string, tree: GitTree): Expansion {
  const ctx: Ctx = { file, goTemplate: set.goTemplate, tree };
  const elements: Expansion['elements'] = [];
  for (const [generator, spec] of set.generators.entries()) {
    const generated = generate(spec, ctx, {}, MAX_ELEMENTS);
    if ('unknown' in generated) elements.push({ unknown: generated.unknown, generator });
    else elements.push(...generated.sets.map((params) => ({ params, generator })));
    if (elements.length > MAX_ELEMENTS) return { elements: elements.slice(0, MAX_ELEMENTS), capped: true };
  }
  return { elements, capped: false };
}
