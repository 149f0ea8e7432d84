import type { DocContext, YamlExtractor } from '../types.js';
import { chartRef, ownerOf, valuesData } from '../common/owner.js';
import { extractValues } from '../helm-values/extract.js';
import { extractImagesList } from './images.js';
import { isImageJsonPatch, readPatchDoc } from './patch-doc.js';
import { KUSTOMIZE_PATCH_FIELDS, patchEntries, sinkPatches } from './patches.js';
import { remoteIncludes } from './remote.js';

export const KUSTOMIZATION_FILE = /(?:^|\/)(?:kustomization\.ya?ml|Kustomization)$/;

/** A kustomize file: by name (`kustomization.yaml`), or by its kustomize.config.k8s.io apiVersion. */
export function isKustomizeFile(ctx: DocContext): boolean {
  if (ctx.apiVersion?.startsWith('kustomize.config.k8s.io/')) return true;
  return KUSTOMIZATION_FILE.test(ctx.rendered ?? ctx.file) && (ctx.apiVersion === undefined || !ctx.apiVersion.includes('fluxcd.io'));
}

const PATCH_FILE_NOTE = 'written in an RFC 6902 patch file: it sets the image of the object a kustomization\'s patch entry targets';

export const kustomize: YamlExtractor = {
  id: 'kustomize',
  description: 'kustomization.yaml: images (name/newName/newTag/digest) and helmCharts (version, valuesInline)',
  prefilter: { words: ['kustomize.config.k8s.io/', 'ontainers/', '/spec/values'], files: [KUSTOMIZATION_FILE] },
  matches: (ctx) => isKustomizeFile(ctx) || isImageJsonPatch(ctx),
  extract: (ctx, sink) => {
    const root = ctx.view.doc.contents;
    // An RFC 6902 patch file (decision 32): this extractor owns it; a strategic-merge patch file is the kubernetes extractor's.
    if (!isKustomizeFile(ctx)) {
      sink.occurrences.push(...readPatchDoc(ctx, root, [], { format: 'kustomize', notes: [PATCH_FILE_NOTE] }).occurrences);
      return;
    }
    const patches = patchEntries(ctx, root, [], KUSTOMIZE_PATCH_FIELDS, { format: 'kustomize' });
    sinkPatches(sink, patches);
    // Remote bases, resources and components are never read: a neutral notice each, not a diagnostic (decision 43).
    const remote = remoteIncludes(ctx);
    if (remote.length > 0) (sink.notFollowed ??= []).push(...remote);
    const kind = ctx.kind ?? 'Kustomization';
    extractImagesList(ctx, ctx.view.get(root, 'images'), ['images'], { format: 'kustomize', owner: ownerOf({ ...ctx, kind }) }, sink);
    for (const [index, chart] of ctx.view.items(ctx.view.get(root, 'helmCharts'))) {
      if (!chart) continue;
      const path = ['helmCharts', index];
      const name = ctx.view.str(chart, 'name');
      const owner = ownerOf({ ...ctx, kind: 'HelmChart' }, { chart: name, version: ctx.view.str(chart, 'version'), repoURL: ctx.view.str(chart, 'repo') }, chart);
      owner.name = ctx.view.str(chart, 'releaseName') ?? name;
      if (!owner.name) delete owner.name;
      const ref = chartRef(ctx, 'kustomize', 'helm', chart, path, owner, ctx.view.get(chart, 'version'));
      ref.values = valuesData(ctx, ctx.view.get(chart, 'valuesInline')) ?? {};
      ref.valuesPath = [...path, 'valuesInline'];
      sink.charts.push(ref);
      extractValues(ctx, ctx.view.get(chart, 'valuesInline'), [...path, 'valuesInline'], { format: 'kustomize', owner }, sink, { disabledAsNotices: true });
    }
  },
};
