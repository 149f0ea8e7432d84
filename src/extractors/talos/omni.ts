import type { DocContext, Sink } from '../types.js';
import { extractOmniImplied } from './omni-implied.js';
import { extractEmbeddedPatch } from './patch.js';
import { TEMPLATE_KINDS, unheldOmniManifests, unreadOmniFile } from './omni-files.js';


/** An Omni cluster template document, or an Omni `ConfigPatches` resource. */
export function isOmni(ctx: DocContext): boolean {
  if (ctx.kind && TEMPLATE_KINDS.has(ctx.kind) && ctx.apiVersion === undefined) return true;
  return ctx.view.str(ctx.view.doc.contents, 'metadata', 'type')?.startsWith('ConfigPatches.omni.sidero.dev') === true;
}

/**
 * Omni config patches as Talos config: a cluster template's `patches[].inline` (a map) and an Omni
 * `ConfigPatches` resource's `spec.data` (a YAML string). `patches[].file` names a file that is
 * read on its own (and consulted for the implied images; one the scan did not read is a diagnostic). A template's `kind: Cluster` also implies the Kubernetes and installer images
 * of its versions (omni-implied.ts).
 */
export function extractOmni(ctx: DocContext, sink: Sink): void {
  const root = ctx.view.doc.contents;
  if (ctx.kind && TEMPLATE_KINDS.has(ctx.kind)) {
    for (const [index, patch] of ctx.view.items(ctx.view.get(root, 'patches'))) {
      extractEmbeddedPatch(ctx, ctx.view.get(patch, 'inline'), ['patches', index, 'inline'], sink);
      unreadOmniFile(ctx, ctx.view.get(patch, 'file'), sink);
    }
    if (ctx.kind === 'Cluster') {
      extractOmniImplied(ctx, sink);
      unheldOmniManifests(ctx, sink);
    }
    return;
  }
  extractEmbeddedPatch(ctx, ctx.view.at(root, ['spec', 'data']), ['spec', 'data'], sink);
}
