import { isMap, isSeq, type Node } from 'yaml';
import type { YamlPath } from '../../model/position.js';
import { embeddedDocuments } from '../../yaml/embedded.js';
import type { DocContext, Sink } from '../types.js';
import { extractTalosJsonPatch, extractTalosTree } from './tree.js';

/**
 * One Talos config patch written inside another document: a YAML string (talhelper `patches`,
 * Omni `spec.data`), positions mapped into the file, or an inline map (Omni `inline`). A string
 * `@./file.yaml` names a patch file, which is read as a file of its own.
 */
export function extractEmbeddedPatch(ctx: DocContext, node: Node | null | undefined, path: YamlPath, sink: Sink): void {
  if (!node) return;
  if (isMap(node)) return extractTalosTree(ctx, node, path, 'talos', sink);
  if (isSeq(node)) return extractTalosJsonPatch(ctx, node, path, 'talos', sink);
  const text = ctx.view.string(node);
  if (text === undefined || text.trimStart().startsWith('@')) return;
  // Every document of the string: a talhelper patch may hold a v1alpha1 patch and Talos 1.14 documents.
  const { views, diagnostics } = embeddedDocuments(ctx.view, ctx.file, node);
  sink.diagnostics.push(...diagnostics);
  for (const view of views) {
    const innerCtx: DocContext = { ...ctx, view };
    const root = view.doc.contents;
    if (isSeq(root)) extractTalosJsonPatch(innerCtx, root, path, 'talos', sink);
    else extractTalosTree(innerCtx, root, path, 'talos', sink);
  }
}
