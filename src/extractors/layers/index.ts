import type { Layer } from '../../model/layers.js';
import { VALUES_FILE } from '../helm-values/index.js';
import type { Prefilter } from '../prefilter.js';
import { isKustomizeFile, KUSTOMIZATION_FILE } from '../kustomize/index.js';
import type { DocContext } from '../types.js';
import { argoLayers } from './argo.js';
import { helmReleaseLayer } from './helm-release.js';
import { fluxKustomizationLayer, kustomizationLayer } from './kustomize.js';
import { configData, valueLeaves } from './values.js';
import { isImageJsonPatch, patchDeletes, readPatchDoc } from '../kustomize/patch-doc.js';
import { objectMetaLayer } from './object-meta.js';
import { argoRawSources } from './mentions.js';
import { helmChartsReaders, helmfileReaders } from './readers.js';
import { HELMFILE } from '../helmfile/index.js';

/** Words one of which every image-like values key has (IMAGE_LEAF): a values file an Application names need not be named like one. */
const LEAF_WORDS = ['image', 'Image', 'tag', 'repository', 'registry', 'digest'];

/** What `layersOf` needs to find anything, like an extractor's `prefilter`: a kind, a kustomization, a values file or an image-like key. */
export const LAYERS_PREFILTER: Prefilter = { words: ['kind', 'kustomize.config.k8s.io/', 'ontainers/', '/spec/values', ...LEAF_WORDS], files: [KUSTOMIZATION_FILE, VALUES_FILE, HELMFILE] };

/**
 * What one document tells about how other files are rendered (src/model/layers.ts), read from the
 * document's one parse. Cheap for every other document: it looks at apiVersion, kind and name.
 * `customResource`: the `crd` extractor found images in the document.
 */
export function layersOf(ctx: DocContext, customResource = false): Layer[] {
  const own = [...ownLayers(ctx)];
  // A `$patch: delete` document (of a patch file a kustomization names): the object it deletes (decision 0067).
  const deletes = ctx.kind === undefined ? undefined : patchDeletes(ctx, ctx.view.doc.contents);
  if (deletes) own.push({ kind: 'delete-patch-file', file: ctx.file, deletes: [deletes] });
  // What a patch target selects by (apiVersion, labels, annotations), for the objects whose images a patch may set.
  const meta = ctx.kind === undefined ? undefined : objectMetaLayer(ctx, customResource);
  return meta ? [...own, meta] : own;
}

function ownLayers(ctx: DocContext): Layer[] {
  const api = ctx.apiVersion ?? '';
  if (api.startsWith('kustomize.toolkit.fluxcd.io/') && ctx.kind === 'Kustomization') return [fluxKustomizationLayer(ctx)];
  if (isKustomizeFile(ctx)) return [kustomizationLayer(ctx), ...helmChartsReaders(ctx)];
  if (ctx.kind === undefined && HELMFILE.test(ctx.rendered ?? ctx.file)) return helmfileReaders(ctx);
  if (api.startsWith('helm.toolkit.fluxcd.io/') && ctx.kind === 'HelmRelease') {
    const layer = helmReleaseLayer(ctx);
    return layer ? [layer] : [];
  }
  if (api.startsWith('argoproj.io/') && (ctx.kind === 'Application' || ctx.kind === 'ApplicationSet')) {
    const raw = argoRawSources(ctx);
    return raw ? [...argoLayers(ctx), raw] : argoLayers(ctx);
  }
  if (api === 'v1' && (ctx.kind === 'ConfigMap' || ctx.kind === 'Secret')) {
    const layer = configData(ctx, ctx.kind);
    return layer ? [layer] : [];
  }
  if (isImageJsonPatch(ctx)) {
    const read = readPatchDoc(ctx, ctx.view.doc.contents, [], { format: 'kustomize' });
    return [{ kind: 'json-patch-file', file: ctx.file, sets: read.sets, ...(read.values && { values: read.values }) }];
  }
  // Any kind-less YAML document may be a values file: an Argo CD valueFiles entry can name `env/prod/image.yaml` (round 13).
  if (ctx.kind === undefined && VALUES_FILE.test(ctx.rendered ?? ctx.file)) return [valueLeaves(ctx)];
  if (ctx.kind === undefined && /\.ya?ml$/i.test(ctx.rendered ?? ctx.file)) {
    const layer = valueLeaves(ctx);
    return Object.keys(layer.leaves).length ? [layer] : [];
  }
  return [];
}
