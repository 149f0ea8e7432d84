import type { DocContext, Sink } from '../types.js';
import { fromFields } from '../common/build.js';
import { chartRef, ownerOf } from '../common/owner.js';

/**
 * A Flux OCIRepository: `spec.url` (oci://) at `spec.ref.tag`, `spec.ref.digest` or `spec.ref.semver`.
 * With no ref at all Flux pulls `latest`. A semver range is recorded as a chart reference (its
 * version floats); a tag or digest is also an image-like occurrence that can be resolved and pinned.
 */
export function extractOciRepository(ctx: DocContext, sink: Sink): void {
  const spec = ctx.view.get(ctx.view.doc.contents, 'spec');
  const url = ctx.view.get(spec, 'url');
  const urlText = ctx.view.string(url);
  if (!spec || !url || !urlText) return;
  const ref = ctx.view.get(spec, 'ref');
  const tag = ctx.view.get(ref, 'tag');
  const digest = ctx.view.get(ref, 'digest');
  const semver = ctx.view.get(ref, 'semver');
  const versionNode = digest ?? tag ?? semver;
  const owner = ownerOf(ctx, { repoURL: urlText, version: ctx.view.string(versionNode) });
  sink.charts.push(chartRef(ctx, 'flux', 'oci', spec, ['spec'], owner, versionNode));
  if (semver && !tag && !digest) return;
  const fields = {
    repository: { node: url, path: ['spec', 'url'] },
    tag: tag ? { node: tag, path: ['spec', 'ref', 'tag'] } : undefined,
    digest: digest ? { node: digest, path: ['spec', 'ref', 'digest'] } : undefined,
  };
  const occ = fromFields(ctx, fields, ['spec'], { format: 'flux', owner }, 'oci-repository');
  if (occ) sink.occurrences.push(occ);
}
