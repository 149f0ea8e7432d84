import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { TemplateWriter } from '../../model/generators.js';
import type { YamlPath } from '../../model/position.js';
import { embeddedYaml } from '../../yaml/embedded.js';
import type { DocContext } from '../types.js';
import { firstComplex } from './appset-expr.js';

/** One template of an ApplicationSet that writes Application sources, with the view its nodes belong to. */
export interface TemplateSpec {
  writer: TemplateWriter;
  /** The top-level generator whose own `template:` this is. */
  generator?: number;
  ctx: DocContext;
  spec: Node;
  specPath: YamlPath;
  metadata?: Node | null;
  /** Where it is written, for a reason: `spec.template`, `the template of generator 1 (line 12)`. */
  what: string;
}

const DIRECTIVE = /^\$(patch|retainKeys|setElementOrder|deleteFromPrimitiveList)/;

/** A map key under the node that is templated or a strategic-merge directive, as written. */
function oddKey(ctx: DocContext, node: unknown, depth = 0): string | undefined {
  if (depth > 12) return undefined;
  for (const [key, value, aliased] of ctx.view.entries(node)) {
    if (key.includes('{{') || DIRECTIVE.test(key)) return key;
    const below = aliased ? undefined : oddKey(ctx, value, depth + 1);
    if (below) return below;
  }
  for (const [, item, aliased] of ctx.view.items(node)) {
    const below = aliased ? undefined : oddKey(ctx, item, depth + 1);
    if (below) return below;
  }
  return undefined;
}

/**
 * `spec.templatePatch` as a template that writes sources. A patch that names no `source`/`sources`
 * key changes no image (undefined). One imagepin cannot read as YAML with plain parameters in its
 * values gives the reason: it may rewrite any source, per element.
 */
function patchSpec(ctx: DocContext, goTemplate: boolean): TemplateSpec | { unknown: string } | undefined {
  const node = ctx.view.get(ctx.view.get(ctx.view.doc.contents, 'spec'), 'templatePatch');
  if (!node) return undefined;
  const line = ctx.view.span(node).start.line;
  const text = ctx.view.string(node);
  const where = `spec.templatePatch (line ${line})`;
  if (text === undefined) return { unknown: `${where} is not a string, and Argo CD stops with an error` };
  if (!/\bsources?["']?\s*:/.test(text)) return undefined;
  const complex = firstComplex(text, goTemplate);
  if (complex) return { unknown: `${where} sets a source with ${complex}, which imagepin does not evaluate, so what each Application gets from it is not known` };
  const inner = embeddedYaml(ctx.view, ctx.file, node);
  const root = inner.view?.doc.contents;
  if (!inner.view || inner.diagnostics.length > 0 || !isMap(root)) return { unknown: `${where} is not a YAML map before its parameters are filled, which imagepin needs to apply it` };
  const patchCtx = { ...ctx, view: inner.view };
  const spec = inner.view.get(root, 'spec');
  const odd = oddKey(patchCtx, spec);
  if (odd) return { unknown: `${where} has the key ${odd} (a templated key or a strategic-merge directive), which imagepin does not apply` };
  if (spec === undefined) return undefined;
  if (!isMap(spec)) return { unknown: `${where} has a spec that is not a map, and Argo CD stops with an error` };
  return { writer: 'patch', ctx: patchCtx, spec, specPath: ['spec', 'templatePatch', 'spec'], metadata: inner.view.get(root, 'metadata'), what: where };
}

/**
 * The templates of an ApplicationSet document that write Application sources, in the order Argo CD
 * applies them: `spec.template`, each top-level generator's own `template:` (merged over it;
 * a matrix or merge child's template is ignored by Argo CD, and here), then `spec.templatePatch`.
 */
export function templateSpecs(ctx: DocContext): { specs: TemplateSpec[]; patchUnknown?: string } {
  const root = ctx.view.doc.contents;
  const spec = ctx.view.get(root, 'spec');
  const goTemplate = ctx.view.str(spec, 'goTemplate') === 'true';
  const specs: TemplateSpec[] = [];
  const base = ctx.view.at(spec, ['template', 'spec']);
  if (isMap(base)) specs.push({ writer: 'template', ctx, spec: base, specPath: ['spec', 'template', 'spec'], metadata: ctx.view.at(spec, ['template', 'metadata']), what: 'spec.template' });
  for (const [index, generator] of ctx.view.items(ctx.view.get(spec, 'generators'))) {
    for (const [name, body] of ctx.view.entries(generator)) {
      const template = ctx.view.get(body, 'template');
      const own = ctx.view.get(template, 'spec');
      if (name === 'selector' || !isMap(own)) continue;
      specs.push({ writer: 'generator', generator: index, ctx, spec: own, specPath: ['spec', 'generators', index, name, 'template', 'spec'], metadata: ctx.view.get(template, 'metadata'), what: `the template of generator ${index} (line ${ctx.view.span(template!).start.line})` });
    }
  }
  const patch = patchSpec(ctx, goTemplate);
  if (patch && 'unknown' in patch) return { specs, patchUnknown: patch.unknown };
  if (patch) specs.push(patch);
  return { specs };
}

/** Whether a node is written as null (`key:` or `key: null`); a missing key is undefined, not null. */
export function isNullNode(node: unknown): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

/** Whether a value is empty as Go's mergo tells (an empty string or list; a map is a struct, never empty here). */
export function isEmptyValue(node: unknown): boolean {
  if (isNullNode(node)) return true;
  if (isScalar(node)) return node.value === '' ;
  if (isSeq(node)) return node.items.length === 0;
  return false;
}
