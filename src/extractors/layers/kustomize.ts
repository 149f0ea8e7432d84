import type { FluxKustomizationLayer, KustomizationLayer, Located } from '../../model/layers.js';
import type { DocContext } from '../types.js';
import { imageRewrites, located, locatedList } from './read.js';
import { imageReplacements } from './replacements.js';
import { generatedConfigMaps } from './config-generator.js';
import { metadataAdds } from './object-meta.js';
import { kustomizationMentions } from './mentions.js';
import { FLUX_PATCH_FIELDS, KUSTOMIZE_PATCH_FIELDS, patchEntries } from '../kustomize/patches.js';

/** A kustomization.yaml's includes (`resources`, `bases`, `components`), `images:` rewrites and image `replacements:`. */
export function kustomizationLayer(ctx: DocContext): KustomizationLayer {
  const root = ctx.view.doc.contents;
  const includes = ['resources', 'bases', 'components'].flatMap((key) => locatedList(ctx, ctx.view.get(root, key), [key]));
  const layer: KustomizationLayer = { kind: 'kustomization', file: ctx.file, includes, images: imageRewrites(ctx, ctx.view.get(root, 'images'), ['images']) };
  const replacements = imageReplacements(ctx, root);
  if (replacements.length > 0) layer.replacements = replacements;
  const configMaps = generatedConfigMaps(ctx, root);
  if (configMaps.length > 0) layer.configMaps = configMaps;
  const secrets = generatedConfigMaps(ctx, root, 'secretGenerator');
  if (secrets.length > 0) layer.secrets = secrets;
  const patches = patchEntries(ctx, root, [], KUSTOMIZE_PATCH_FIELDS, { format: 'kustomize' }).patches;
  if (patches.length > 0) layer.patches = patches;
  const namespace = ctx.view.str(root, 'namespace');
  if (namespace) layer.namespace = namespace;
  const namePrefix = ctx.view.str(root, 'namePrefix');
  if (namePrefix) layer.namePrefix = namePrefix;
  const nameSuffix = ctx.view.str(root, 'nameSuffix');
  if (nameSuffix) layer.nameSuffix = nameSuffix;
  const adds = metadataAdds(ctx, root);
  if (adds) layer.adds = adds;
  Object.assign(layer, kustomizationMentions(ctx));
  return layer;
}

/** A Flux Kustomization: `spec.path`, `spec.images`, `spec.postBuild.substitute` and `substituteFrom`. */
export function fluxKustomizationLayer(ctx: DocContext): FluxKustomizationLayer {
  const root = ctx.view.doc.contents;
  const spec = ctx.view.get(root, 'spec');
  const postBuild = ctx.view.get(spec, 'postBuild');
  const substitute: Record<string, Located> = {};
  for (const [key, value] of ctx.view.entries(ctx.view.get(postBuild, 'substitute'))) {
    const found = located(ctx, value, ['spec', 'postBuild', 'substitute', key]);
    if (found) substitute[key] = found;
  }
  const substituteFrom: FluxKustomizationLayer['substituteFrom'] = [];
  for (const [, item] of ctx.view.items(ctx.view.get(postBuild, 'substituteFrom'))) {
    const name = ctx.view.str(item, 'name');
    if (item && name) substituteFrom.push({ kind: ctx.view.str(item, 'kind') ?? 'ConfigMap', name, optional: ctx.view.str(item, 'optional') === 'true', line: ctx.view.span(item).start.line });
  }
  const layer: FluxKustomizationLayer = {
    kind: 'flux-kustomization', file: ctx.file, line: ctx.view.span(root ?? spec!).start.line,
    images: imageRewrites(ctx, ctx.view.get(spec, 'images'), ['spec', 'images']), substitute, substituteFrom,
  };
  const name = ctx.view.str(root, 'metadata', 'name');
  const namespace = ctx.view.str(root, 'metadata', 'namespace');
  const path = ctx.view.str(spec, 'path');
  const targetNamespace = ctx.view.str(spec, 'targetNamespace');
  if (name) layer.name = name;
  if (targetNamespace) layer.targetNamespace = targetNamespace;
  if (namespace) layer.namespace = namespace;
  if (path) layer.path = path;
  const patches = patchEntries(ctx, spec, ['spec'], FLUX_PATCH_FIELDS, { format: 'flux' }).patches;
  if (patches.length > 0) layer.patches = patches;
  return layer;
}
