import type { Node } from 'yaml';
import type { GeneratedConfigMap, Located } from '../../model/layers.js';
import type { DocContext } from '../types.js';
import { located, locatedList } from './read.js';

/** `key=value` (or, for `files:`, a bare path whose key is its base name); undefined for anything else. */
function keyed(text: string, bare: boolean): [string, string] | undefined {
  const eq = text.indexOf('=');
  if (eq > 0) return [text.slice(0, eq), text.slice(eq + 1)];
  if (!bare || eq === 0 || text === '') return undefined;
  return [text.slice(text.lastIndexOf('/') + 1), text];
}

const isTrue = (text: string | undefined): boolean => text === 'true';

/**
 * A kustomization's `configMapGenerator` (or `secretGenerator`) entries, as a HelmRelease's `valuesFrom` looks them up:
 * name, namespace (the kustomization's, which kustomize sets over the entry's, else the entry's), `files:` keys with the path as written
 * and `literals:`, and the `envs:` (or older `env:`) files, whose `KEY=VALUE` lines are read after the scan.
 */
export function generatedConfigMaps(ctx: DocContext, root: Node | null | undefined, field: 'configMapGenerator' | 'secretGenerator' = 'configMapGenerator'): GeneratedConfigMap[] {
  const out: GeneratedConfigMap[] = [];
  const namespace = ctx.view.str(root, 'namespace');
  const hashOff = isTrue(ctx.view.str(root, 'generatorOptions', 'disableNameSuffixHash'));
  const configurations = ctx.view.get(root, 'configurations') != null;
  for (const [index, gen] of ctx.view.items(ctx.view.get(root, field))) {
    const name = ctx.view.str(gen, 'name');
    if (!gen || !name) continue;
    const lists = { files: {} as Record<string, Located>, literals: {} as Record<string, Located> };
    for (const list of ['files', 'literals'] as const) {
      for (const [at, item] of ctx.view.items(ctx.view.get(gen, list))) {
        const text = ctx.view.string(item);
        const pair = text === undefined ? undefined : keyed(text, list === 'files');
        if (item && pair) lists[list][pair[0]] = { value: pair[1], line: ctx.view.span(item).start.line, path: [field, index, list, at] };
      }
    }
    const entry: GeneratedConfigMap = {
      name, line: ctx.view.span(gen).start.line, ...lists,
      unhashed: hashOff || isTrue(ctx.view.str(gen, 'options', 'disableNameSuffixHash')), configurations,
    };
    const envs = [...locatedList(ctx, ctx.view.get(gen, 'envs'), [field, index, 'envs']), ...[located(ctx, ctx.view.get(gen, 'env'), [field, index, 'env'])].filter((e) => e !== undefined)];
    if (envs.length > 0) entry.envs = envs;
    // kustomize's namespace transformer sets the kustomization's namespace over the one the entry writes.
    const own = namespace ?? ctx.view.str(gen, 'namespace');
    if (own) entry.namespace = own;
    out.push(entry);
  }
  return out;
}
