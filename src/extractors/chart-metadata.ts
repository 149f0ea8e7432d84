import type { ChartMetadata } from '../model/file-result.js';
import { chartRef, ownerOf } from './common/owner.js';
import type { Prefilter } from './prefilter.js';
import type { DocContext, Sink } from './types.js';

export const CHART_FILE = /(?:^|\/)Chart\.ya?ml$/;

/** A Chart.yaml is read by its name alone, like an extractor's `prefilter`. */
export const CHART_PREFILTER: Prefilter = { words: [], files: [CHART_FILE] };

/** A chart's Chart.yaml: name, version and appVersion, and its dependencies as chart references. */
export function extractChartMetadata(ctx: DocContext, sink: Sink): ChartMetadata {
  const root = ctx.view.doc.contents;
  const meta: ChartMetadata = { file: ctx.file };
  for (const key of ['name', 'version', 'appVersion'] as const) {
    const value = ctx.view.str(root, key);
    if (value) meta[key] = value;
  }
  const appVersion = ctx.view.get(root, 'appVersion');
  if (meta.appVersion && appVersion) meta.appVersionLine = ctx.view.span(appVersion).start.line;
  for (const [index, dep] of ctx.view.items(ctx.view.get(root, 'dependencies'))) {
    if (!dep) continue;
    const repoURL = ctx.view.str(dep, 'repository');
    const owner = ownerOf({ ...ctx, kind: 'ChartDependency' }, { chart: ctx.view.str(dep, 'name'), version: ctx.view.str(dep, 'version'), repoURL }, dep);
    const type = repoURL?.startsWith('oci://') ? 'oci' : 'helm';
    sink.charts.push(chartRef(ctx, 'helm-values', type, dep, ['dependencies', index], owner, ctx.view.get(dep, 'version')));
  }
  return meta;
}
