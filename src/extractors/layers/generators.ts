import { isScalar, type Node } from 'yaml';
import type { AppSetGenerators, GeneratorSpec, GitPathEntry, ParamLeaf, Selector } from '../../model/generators.js';
import type { DocContext } from '../types.js';
import { flatKey, goValue } from '../common/go-value.js';

/** The generators imagepin cannot evaluate from the tree: their elements come from the cluster, a forge or a plugin. */
const OUTSIDE = ['clusters', 'scmProvider', 'pullRequest', 'clusterDecisionResource', 'plugin'];
const MAX_DEPTH = 4;

/** A scalar as Argo CD prints it (numbers as Go's `%v`, quoted strings as they are). */
function leafOf(ctx: DocContext, node: Node | null | undefined): ParamLeaf | undefined {
  const n = ctx.view.deref(node);
  if (!isScalar(n) || !n.range) return undefined;
  const value = goValue(n.value);
  return value === undefined ? undefined : { value, line: ctx.view.span(n).start.line };
}

/** Every scalar under a node by flat key, as Argo CD flattens a list element or a `values:` map. */
export function flatten(ctx: DocContext, node: Node | null | undefined, prefix: string, goTemplate: boolean, into: Record<string, ParamLeaf>, depth = 0): void {
  if (depth > 8) return;
  const leaf = leafOf(ctx, node);
  if (leaf) {
    if (prefix) into[prefix] = leaf;
    return;
  }
  for (const [key, value, aliased] of ctx.view.entries(node)) if (!aliased) flatten(ctx, value, flatKey(prefix, key, goTemplate), goTemplate, into, depth + 1);
  for (const [index, value, aliased] of ctx.view.items(node)) if (!aliased && prefix) flatten(ctx, value, flatKey(prefix, index, goTemplate), goTemplate, into, depth + 1);
}

function pathEntries(ctx: DocContext, list: Node | null | undefined): GitPathEntry[] {
  const out: GitPathEntry[] = [];
  for (const [, item] of ctx.view.items(list)) {
    const path = ctx.view.str(item, 'path');
    if (item && path !== undefined) out.push({ path, exclude: ctx.view.str(item, 'exclude') === 'true', line: ctx.view.span(item).start.line });
  }
  return out;
}

function selectorOf(ctx: DocContext, node: Node | null | undefined): Selector | undefined {
  if (!node) return undefined;
  const matchLabels: Record<string, string> = {};
  for (const [key, value] of ctx.view.entries(ctx.view.get(node, 'matchLabels'))) {
    const text = ctx.view.string(value);
    if (text !== undefined) matchLabels[key] = text;
  }
  const matchExpressions = [...ctx.view.items(ctx.view.get(node, 'matchExpressions'))].map(([, e]) => ({
    key: ctx.view.str(e, 'key') ?? '',
    operator: ctx.view.str(e, 'operator') ?? '',
    values: [...ctx.view.items(ctx.view.get(e, 'values'))].map(([, v]) => ctx.view.string(v) ?? ''),
  }));
  return { matchLabels, matchExpressions };
}

/** One generator entry: `list`, `git`, `matrix`, `merge`, or one imagepin names but cannot evaluate. */
function generatorOf(ctx: DocContext, node: Node | null | undefined, goTemplate: boolean, depth: number): GeneratorSpec {
  const line = node ? ctx.view.span(node).start.line : 1;
  const keys = [...ctx.view.entries(node)].map(([key]) => key).filter((key) => key !== 'selector' && key !== 'values');
  const name = keys[0] ?? 'an empty entry';
  const base: { line: number; selector?: Selector; values?: Record<string, string> } = { line };
  const body = ctx.view.get(node, name);
  const selector = selectorOf(ctx, ctx.view.get(node, 'selector'));
  if (selector) base.selector = selector;
  const values: Record<string, ParamLeaf> = {};
  flatten(ctx, ctx.view.get(body, 'values'), '', goTemplate, values);
  if (Object.keys(values).length) base.values = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.value]));
  if (keys.length !== 1) return { ...base, kind: 'other', name, reason: `generator entry at line ${line} has ${keys.length === 0 ? 'no generator' : `several generators (${keys.join(', ')})`}` };
  if (name === 'list') {
    if (ctx.view.get(body, 'elementsYaml')) return { ...base, kind: 'other', name, reason: `the list generator at line ${line} reads elementsYaml, a template imagepin does not evaluate` };
    const elements = [...ctx.view.items(ctx.view.get(body, 'elements'))].flatMap(([, element]) => {
      if (!element) return [];
      const params: Record<string, ParamLeaf> = {};
      flatten(ctx, element, '', goTemplate, params);
      return [{ line: ctx.view.span(element).start.line, params }];
    });
    return { ...base, kind: 'list', elements };
  }
  if (name === 'git') {
    const repoURL = ctx.view.str(body, 'repoURL');
    const prefix = ctx.view.str(body, 'pathParamPrefix');
    return { ...base, kind: 'git', files: pathEntries(ctx, ctx.view.get(body, 'files')), directories: pathEntries(ctx, ctx.view.get(body, 'directories')), ...(repoURL && { repoURL }), ...(prefix && { pathParamPrefix: prefix }) };
  }
  if ((name === 'matrix' || name === 'merge') && depth < MAX_DEPTH) {
    const children = [...ctx.view.items(ctx.view.get(body, 'generators'))].map(([, child]) => generatorOf(ctx, child, goTemplate, depth + 1));
    const mergeKeys = [...ctx.view.items(ctx.view.get(body, 'mergeKeys'))].map(([, k]) => ctx.view.string(k) ?? '');
    return { ...base, kind: name, children, mergeKeys };
  }
  const why = OUTSIDE.includes(name) ? `its elements come from ${name === 'clusters' || name === 'clusterDecisionResource' ? 'the cluster' : name === 'plugin' ? 'a plugin service' : 'the Git forge'}, not from the tree` : name === 'matrix' || name === 'merge' ? `it is nested more than ${MAX_DEPTH} deep` : 'imagepin does not know this generator';
  return { ...base, kind: 'other', name, reason: `the ${name} generator at line ${line}: ${why}` };
}

/** The generators of an ApplicationSet document, and whether its template is a Go template. */
export function generatorsOf(ctx: DocContext, spec: Node | null | undefined): AppSetGenerators {
  const goTemplate = ctx.view.str(spec, 'goTemplate') === 'true';
  return { goTemplate, generators: [...ctx.view.items(ctx.view.get(spec, 'generators'))].map(([, g]) => generatorOf(ctx, g, goTemplate, 0)) };
}
