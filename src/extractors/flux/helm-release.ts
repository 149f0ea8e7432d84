import type { DocContext, Sink } from '../types.js';
import { chartRef, ownerOf, valuesData } from '../common/owner.js';
import { extractValues } from '../helm-values/extract.js';
import { extractImagesList } from '../kustomize/images.js';

/** `Kind/namespace/name` of a Flux cross-object reference; the namespace defaults to the object's own. */
function refName(ctx: DocContext, node: unknown, namespace: string | undefined): string | undefined {
  const kind = ctx.view.str(node, 'kind');
  const name = ctx.view.str(node, 'name');
  if (!kind || !name) return undefined;
  return `${kind}/${ctx.view.str(node, 'namespace') ?? namespace ?? 'default'}/${name}`;
}

/**
 * A HelmRelease: its chart (`spec.chart.spec` with chart, version and sourceRef, or `spec.chartRef`
 * to an OCIRepository / HelmChart), its inline `spec.values`, and images set by post-renderers.
 */
export function extractHelmRelease(ctx: DocContext, sink: Sink): void {
  const root = ctx.view.doc.contents;
  const spec = ctx.view.get(root, 'spec');
  const chartSpec = ctx.view.at(spec, ['chart', 'spec']);
  const chartRefNode = ctx.view.get(spec, 'chartRef');
  const namespace = ctx.view.str(root, 'metadata', 'namespace');
  const owner = ownerOf(ctx, { chart: ctx.view.str(chartSpec, 'chart'), version: ctx.view.str(chartSpec, 'version') });
  const values = ctx.view.get(spec, 'values');
  if (chartSpec) {
    const ref = chartRef(ctx, 'flux', 'helm', chartSpec, ['spec', 'chart', 'spec'], owner, ctx.view.get(chartSpec, 'version'));
    ref.values = valuesData(ctx, values) ?? {};
    ref.valuesPath = ['spec', 'values'];
    const source = refName(ctx, ctx.view.get(chartSpec, 'sourceRef'), namespace);
    if (source) ref.sourceRef = source;
    const strategy = ctx.view.str(chartSpec, 'reconcileStrategy');
    if (strategy) ref.reconcileStrategy = strategy;
    sink.charts.push(ref);
  } else if (chartRefNode) {
    const ref = chartRef(ctx, 'flux', ctx.view.str(chartRefNode, 'kind') === 'OCIRepository' ? 'oci' : 'helm', chartRefNode, ['spec', 'chartRef'], owner);
    ref.values = valuesData(ctx, values) ?? {};
    ref.valuesPath = ['spec', 'values'];
    const source = refName(ctx, chartRefNode, namespace);
    if (source) ref.sourceRef = source;
    sink.charts.push(ref);
  }
  extractValues(ctx, values, ['spec', 'values'], { format: 'flux', owner }, sink, { disabledAsNotices: true });
  for (const [index, renderer] of ctx.view.items(ctx.view.get(spec, 'postRenderers'))) {
    const images = ctx.view.at(renderer, ['kustomize', 'images']);
    extractImagesList(ctx, images, ['spec', 'postRenderers', index, 'kustomize', 'images'], { format: 'flux', owner }, sink);
  }
}
