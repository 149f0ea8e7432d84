import type { HelmReleaseLayer, ValuesFromEntry } from '../../model/layers.js';
import type { DocContext } from '../types.js';
import { ownerOf } from '../common/owner.js';
import { leavesOf } from './values.js';
import { switchesOf } from './switches.js';

/**
 * A Flux HelmRelease's `spec.valuesFrom` (entries without a kind or a name are left out: the API server rejects them),
 * with the image leaves of its `spec.values`, which Flux merges over them. Undefined without
 * `valuesFrom`: such a release has one values layer, read where it is written.
 */
export function helmReleaseLayer(ctx: DocContext): HelmReleaseLayer | undefined {
  const root = ctx.view.doc.contents;
  const spec = ctx.view.get(root, 'spec');
  const valuesFrom: ValuesFromEntry[] = [];
  for (const [, item] of ctx.view.items(ctx.view.get(spec, 'valuesFrom'))) {
    const name = ctx.view.str(item, 'name');
    const kind = ctx.view.str(item, 'kind');
    if (!item || !name || !kind) continue;
    const entry: ValuesFromEntry = {
      kind, name, valuesKey: ctx.view.str(item, 'valuesKey') || 'values.yaml',
      optional: ctx.view.str(item, 'optional') === 'true', line: ctx.view.span(item).start.line,
    };
    const targetPath = ctx.view.str(item, 'targetPath');
    if (targetPath) entry.targetPath = targetPath;
    if (ctx.view.str(item, 'literal') === 'true') entry.literal = true;
    valuesFrom.push(entry);
  }
  if (valuesFrom.length === 0 || !spec) return undefined;
  const layer: HelmReleaseLayer = {
    kind: 'flux-helm-release', file: ctx.file, document: ctx.document, line: ctx.view.span(root ?? spec).start.line,
    valuesFrom, owner: ownerOf(ctx, { chart: ctx.view.str(spec, 'chart', 'spec', 'chart'), version: ctx.view.str(spec, 'chart', 'spec', 'version') }), inline: leavesOf(ctx, ctx.view.get(spec, 'values'), ['spec', 'values']),
  };
  const switches = switchesOf(ctx, ctx.view.get(spec, 'values'), ['spec', 'values']);
  if (Object.keys(switches).length > 0) layer.inlineSwitches = switches;
  const name = ctx.view.str(root, 'metadata', 'name');
  const namespace = ctx.view.str(root, 'metadata', 'namespace');
  if (name) layer.name = name;
  if (namespace) layer.namespace = namespace;
  return layer;
}
