import type { DocContext, YamlExtractor } from '../types.js';
import { chartRef, ownerOf, valuesData } from '../common/owner.js';
import { helmMerge } from '../../charts/merge.js';
import { inlineValues } from './enabled.js';
import { unheldHelmfileFiles } from './named-files.js';

export const HELMFILE = /(?:^|\/)(?:helmfile\.ya?ml|helmfile\.d\/[^/]+\.ya?ml)$/;

/** The helm repositories a helmfile declares, by name, so `chart: bitnami/redis` can name its URL. */
function repositories(ctx: DocContext): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, repo] of ctx.view.items(ctx.view.get(ctx.view.doc.contents, 'repositories'))) {
    const name = ctx.view.str(repo, 'name');
    const url = ctx.view.str(repo, 'url');
    if (name && url) found.set(name, ctx.view.str(repo, 'oci') === 'true' && !url.startsWith('oci://') ? `oci://${url}` : url);
  }
  return found;
}

/** helmfile releases: chart and version, and inline values maps (values files named by path are read as files). */
export const helmfile: YamlExtractor = {
  id: 'helmfile',
  description: 'helmfile releases: chart, version and inline values',
  prefilter: { words: [], files: [HELMFILE] },
  matches: (ctx) => ctx.kind === undefined && HELMFILE.test(ctx.rendered ?? ctx.file),
  extract: (ctx, sink) => {
    const repos = repositories(ctx);
    for (const [index, release] of ctx.view.items(ctx.view.get(ctx.view.doc.contents, 'releases'))) {
      if (!release) continue;
      const path = ['releases', index];
      const chart = ctx.view.str(release, 'chart');
      const repoURL = chart?.includes('/') ? repos.get(chart.split('/')[0]!) : undefined;
      const owner = ownerOf({ ...ctx, kind: 'HelmfileRelease' }, { chart, version: ctx.view.str(release, 'version'), repoURL }, release);
      let merged: unknown = {};
      let firstInline: number | undefined;
      const items = [...ctx.view.items(ctx.view.get(release, 'values'))].map(([i, v]): [number, typeof v] => [i, v]);
      for (const [at, [valueIndex, values]] of items.entries()) {
        if (!ctx.view.map(values)) continue;
        inlineValues(ctx, items, at, [...path, 'values', valueIndex], { format: 'helmfile', owner }, sink);
        merged = helmMerge(merged, valuesData(ctx, values) ?? {});
        firstInline ??= valueIndex;
      }
      if (chart) {
        const ref = chartRef(ctx, 'helmfile', repoURL?.startsWith('oci://') ? 'oci' : 'helm', release, path, owner, ctx.view.get(release, 'version'));
        // Inline values maps, merged in order, are the overrides (files named by path are read as files).
        ref.values = merged;
        if (firstInline !== undefined) ref.valuesPath = [...path, 'values', firstInline];
        sink.charts.push(ref);
      }
    }
    unheldHelmfileFiles(ctx, sink);
  },
};
