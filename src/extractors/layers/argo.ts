import type { Node } from 'yaml';
import type { ArgoHelmLayer, ImageRewrite } from '../../model/layers.js';
import type { YamlPath } from '../../model/position.js';
import type { DocContext } from '../types.js';
import { generatorsOf } from './generators.js';
import { located, locatedList } from './read.js';
import { patchEntries } from '../kustomize/patches.js';

/**
 * Argo CD `kustomize.images` entries, as `kustomize edit set image` reads them: `[old=]new`, where
 * `new` is `name`, `name:tag`, `name@digest` or `name:tag@digest`.
 */
function kustomizeImages(ctx: DocContext, list: Node | null | undefined, path: YamlPath): ImageRewrite[] {
  const out: ImageRewrite[] = [];
  for (const [index, item] of ctx.view.items(list)) {
    const text = ctx.view.string(item);
    if (!item || !text) continue;
    const eq = text.indexOf('=');
    const old = eq < 0 ? undefined : text.slice(0, eq);
    const value = text.slice(eq + 1);
    const at = value.indexOf('@');
    let name = at < 0 ? value : value.slice(0, at);
    const colon = name.lastIndexOf(':');
    const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
    if (tag !== undefined) name = name.slice(0, colon);
    const rewrite: ImageRewrite = { name: old ?? name, path: [...path, index], line: ctx.view.span(item).start.line };
    if (old !== undefined && name !== old) rewrite.newName = name;
    if (tag) rewrite.newTag = tag;
    if (at >= 0) rewrite.digest = value.slice(at + 1);
    out.push(rewrite);
  }
  return out;
}

/**
 * The Argo CD Application (or ApplicationSet template) sources that layer values: `helm.valueFiles`,
 * `helm.parameters`, the `path` they are relative to and the `ref` names of multi-source
 * Applications. An ApplicationSet also records its generators.
 */
export function argoLayers(ctx: DocContext): ArgoHelmLayer[] {
  const root = ctx.view.doc.contents;
  const isSet = ctx.kind === 'ApplicationSet';
  const specPath: YamlPath = isSet ? ['spec', 'template', 'spec'] : ['spec'];
  const spec = ctx.view.at(root, specPath);
  const sources: [Node, YamlPath][] = [];
  const single = ctx.view.get(spec, 'source');
  if (single) sources.push([single, [...specPath, 'source']]);
  for (const [index, source] of ctx.view.items(ctx.view.get(spec, 'sources'))) if (source) sources.push([source, [...specPath, 'sources', index]]);
  const refs: Record<string, string> = {};
  for (const [source] of sources) {
    const ref = ctx.view.str(source, 'ref');
    if (ref) refs[ref] = ctx.view.str(source, 'path') ?? '.';
  }
  const name = ctx.view.str(root, 'metadata', 'name');
  const set = isSet ? generatorsOf(ctx, ctx.view.get(root, 'spec')) : undefined;
  const layers: ArgoHelmLayer[] = [];
  for (const [source, path] of sources) {
    const helm = ctx.view.get(source, 'helm');
    const valueFiles = locatedList(ctx, ctx.view.get(helm, 'valueFiles'), [...path, 'helm', 'valueFiles']);
    const parameters = [...ctx.view.items(ctx.view.get(helm, 'parameters'))].flatMap(([index, param]) => {
      const paramName = ctx.view.str(param, 'name');
      const value = located(ctx, ctx.view.get(param, 'value'), [...path, 'helm', 'parameters', index, 'value']);
      return paramName && value ? [{ ...value, name: paramName }] : [];
    });
    const sourcePath = ctx.view.str(source, 'path');
    const images = kustomizeImages(ctx, ctx.view.at(source, ['kustomize', 'images']), [...path, 'kustomize', 'images']);
    const patches = patchEntries(ctx, ctx.view.get(source, 'kustomize'), [...path, 'kustomize'], ['kustomize.patches'], { format: 'argocd' }).patches;
    if (valueFiles.length === 0 && parameters.length === 0 && images.length === 0 && patches.length === 0 && !set) continue;
    const layer: ArgoHelmLayer = { kind: 'argo-helm', file: ctx.file, document: ctx.document, line: ctx.view.span(source).start.line, refs, valueFiles, parameters };
    if (images.length) layer.kustomizeImages = images;
    if (patches.length) layer.kustomizePatches = patches;
    if (name) layer.name = name;
    if (sourcePath) layer.path = sourcePath;
    if (set) layer.set = set;
    layers.push(layer);
  }
  if (layers.length === 0 && set) layers.push({ kind: 'argo-helm', file: ctx.file, document: ctx.document, line: 1, refs, valueFiles: [], parameters: [], set, ...(name && { name }) });
  return layers;
}
