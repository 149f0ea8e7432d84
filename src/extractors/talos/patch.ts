import { isMap, isSeq, type Node } from 'yaml';
import type { YamlPath } from '../../model/position.js';
import { embeddedYaml } from '../../yaml/embedded.js';
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
  const inner = embeddedYaml(ctx.view, ctx.file, node);
  sink.diagnostics.push(...inner.diagnostics);
  if (!inner.view) return;
  const innerCtx: DocContext = { ...ctx, view: inner.view };
  const root = inner.view.doc.contents;
  if (isSeq(root)) extractTalosJsonPatch(innerCtx, root, path, 'talos', sink);
  else extractTalosTree(innerCtx, root, path, 'talos', sink);
}
