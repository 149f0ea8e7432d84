import type { ArgoRawSourceLayer, KustomizationMentions } from '../../model/unlisted.js';
import type { DocContext } from '../types.js';

const MAX_MENTIONS = 4096;
const MAX_DEPTH = 32;

/**
 * Every string a kustomization writes, in any field: `resources`, `components`, `crds`, patch
 * `path`s, generator `files`/`envs`, `helmCharts[].valuesFile`, `replacements[].path`,
 * `transformers`, `generators`, `validators`, `configurations`, `openapi.path`, and any field a
 * later kustomize adds. A file named anywhere counts as listed (decision 0060): the effective pass
 * only says a manifest is unlisted when no kustomization names it at all.
 */
export function kustomizationMentions(ctx: DocContext): KustomizationMentions {
  const seen = new Set<string>();
  let unknown: string | undefined;
  const walk = (node: unknown, depth: number): void => {
    if (unknown) return;
    if (depth > MAX_DEPTH) {
      unknown = `it nests deeper than ${MAX_DEPTH} levels`;
      return;
    }
    const text = ctx.view.string(node);
    if (text !== undefined) {
      seen.add(text.trim());
      if (seen.size > MAX_MENTIONS) unknown = `it writes more than ${MAX_MENTIONS} strings`;
      return;
    }
    for (const [, value, aliased] of ctx.view.entries(node)) if (!aliased) walk(value, depth + 1);
    for (const [, value, aliased] of ctx.view.items(node)) if (!aliased) walk(value, depth + 1);
  };
  walk(ctx.view.doc.contents, 0);
  return unknown ? { mentionsUnknown: `${ctx.file}: ${unknown}` } : { mentions: [...seen] };
}

const RAW = /(?:^|\n)\s*(?:directory|plugin)\s*:/;

/**
 * The `directory:` and `plugin:` sources of an Argo CD Application or ApplicationSet, wherever its
 * spec, templates or template patches write them: Argo CD reads such a source's folder itself (every
 * manifest, or its `include` glob) or runs a plugin, so the folder's kustomization does not decide
 * what it deploys. A source whose path is templated or not written makes every folder unknown.
 */
export function argoRawSources(ctx: DocContext): ArgoRawSourceLayer | undefined {
  const paths: string[] = [];
  let unknown: string | undefined;
  const walk = (node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) return void (unknown ??= `${ctx.file} nests deeper than ${MAX_DEPTH} levels`);
    const text = ctx.view.string(node);
    // A template patch is a string of YAML (ApplicationSet `templatePatch`).
    if (text !== undefined && RAW.test(text)) unknown ??= `${ctx.file} writes a directory or plugin source inside a string`;
    const keys = new Set([...ctx.view.entries(node)].map(([key]) => key));
    if (keys.has('directory') || keys.has('plugin')) {
      const path = ctx.view.str(node, 'path');
      if (path === undefined || /\{\{|\$\{/.test(path)) unknown ??= `${ctx.file} has a ${keys.has('plugin') ? 'plugin' : 'directory'} source whose path is ${path === undefined ? 'not written' : `templated (${path})`}`;
      else paths.push(path);
    }
    for (const [, value, aliased] of ctx.view.entries(node)) if (!aliased) walk(value, depth + 1);
    for (const [, value, aliased] of ctx.view.items(node)) if (!aliased) walk(value, depth + 1);
  };
  walk(ctx.view.get(ctx.view.doc.contents, 'spec'), 0);
  if (paths.length === 0 && !unknown) return undefined;
  return { kind: 'argo-raw-source', file: ctx.file, paths, ...(unknown && { unknown }) };
}
