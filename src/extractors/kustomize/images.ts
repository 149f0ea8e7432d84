import type { Node } from 'yaml';
import type { YamlPath } from '../../model/position.js';
import { fromFields, type Field, type Scope } from '../common/build.js';
import type { DocContext, Sink } from '../types.js';

/**
 * A kustomize `images:` list (also Flux Kustomization `spec.images` and HelmRelease post-renderers):
 * `{name, newName, newTag, digest}`. The image deployed is `newName` (or `name`) at `newTag` / `digest`;
 * an entry that only renames keeps the tag written in the manifests it patches.
 */
export function extractImagesList(ctx: DocContext, list: Node | null | undefined, listPath: YamlPath, scope: Scope, sink: Sink): void {
  for (const [index, entry] of ctx.view.items(list)) {
    const path = [...listPath, index];
    const field = (key: string): Field | undefined => {
      const node = ctx.view.get(entry, key);
      return node ? { node, path: [...path, key] } : undefined;
    };
    const name = field('name');
    const newName = field('newName');
    const fields = { repository: newName ?? name, tag: field('newTag'), digest: field('digest') };
    const occ = fromFields(ctx, fields, path, scope, 'kustomize-image');
    if (!occ) continue;
    if (!occ.skipReason && !occ.parts.tag && !occ.parts.digest) {
      occ.skipReason = 'tag-from-manifests';
      occ.skipDetail = 'this entry only renames the image; the tag comes from the manifests it patches';
    }
    sink.occurrences.push(occ);
  }
}
