import type { DocContext, YamlExtractor } from '../types.js';
import { extractHelmRelease } from './helm-release.js';
import { extractOciRepository } from './oci-repository.js';
import { chartRef, ownerOf } from '../common/owner.js';
import { extractImagesList } from '../kustomize/images.js';
import { FLUX_PATCH_FIELDS, patchEntries, sinkPatches } from '../kustomize/patches.js';

const isFlux = (ctx: DocContext, group: string): boolean => ctx.apiVersion?.startsWith(`${group}.toolkit.fluxcd.io/`) === true;

/** Flux HelmRelease, OCIRepository, HelmRepository and Kustomization objects. */
export const flux: YamlExtractor = {
  id: 'flux',
  description: 'Flux HelmRelease (values, chart, chartRef, post-renderer images), OCIRepository, HelmRepository, Kustomization images',
  prefilter: { words: ['.toolkit.fluxcd.io/'] },
  matches: (ctx) => isFlux(ctx, 'helm') || isFlux(ctx, 'source') || (isFlux(ctx, 'kustomize') && ctx.kind === 'Kustomization'),
  extract: (ctx, sink) => {
    const root = ctx.view.doc.contents;
    const spec = ctx.view.get(root, 'spec');
    switch (ctx.kind) {
      case 'HelmRelease':
        return extractHelmRelease(ctx, sink);
      case 'OCIRepository':
        return extractOciRepository(ctx, sink);
      case 'HelmRepository': {
        const url = ctx.view.str(spec, 'url');
        if (!url || !spec) return;
        const owner = ownerOf(ctx);
        const type = ctx.view.str(spec, 'type') === 'oci' || url.startsWith('oci://') ? 'oci' : 'default';
        sink.repositories.push({ file: ctx.file, kind: 'HelmRepository', name: owner.name, namespace: owner.namespace, url, type, span: ctx.view.span(spec) });
        return;
      }
      case 'HelmChart': {
        const owner = ownerOf(ctx, { chart: ctx.view.str(spec, 'chart'), version: ctx.view.str(spec, 'version') });
        if (spec) sink.charts.push(chartRef(ctx, 'flux', 'helm', spec, ['spec'], owner, ctx.view.get(spec, 'version')));
        return;
      }
      case 'Kustomization': {
        extractImagesList(ctx, ctx.view.get(spec, 'images'), ['spec', 'images'], { format: 'flux', owner: ownerOf(ctx) }, sink);
        const patches = patchEntries(ctx, spec, ['spec'], FLUX_PATCH_FIELDS, { format: 'flux', owner: ownerOf(ctx) });
        sinkPatches(sink, patches);
        return;
      }
    }
  },
};
