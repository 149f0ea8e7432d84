import type { Node } from 'yaml';
import { embeddedDocuments } from '../../yaml/embedded.js';
import { kubernetes } from '../kubernetes/index.js';
import type { DocContext, Sink } from '../types.js';

/**
 * Talos `cluster.inlineManifests[].contents`: manifests Talos applies to the cluster at bootstrap,
 * written as a YAML string. Every workload document in it is read as Kubernetes, with positions in
 * the file (exact for a `|` block, else at the string's start).
 */
export function extractInlineManifests(ctx: DocContext, cluster: Node | null | undefined, sink: Sink): void {
  for (const [, manifest] of ctx.view.items(ctx.view.get(cluster, 'inlineManifests'))) {
    const contents = ctx.view.get(manifest, 'contents');
    if (!contents) continue;
    const { views, diagnostics } = embeddedDocuments(ctx.view, ctx.file, contents);
    sink.diagnostics.push(...diagnostics);
    for (const view of views) {
      const inner: DocContext = { file: ctx.file, document: ctx.document, view };
      const apiVersion = view.str(view.doc.contents, 'apiVersion');
      const kind = view.str(view.doc.contents, 'kind');
      if (apiVersion) inner.apiVersion = apiVersion;
      if (kind) inner.kind = kind;
      if (kubernetes.matches(inner)) kubernetes.extract(inner, sink);
    }
  }
}
