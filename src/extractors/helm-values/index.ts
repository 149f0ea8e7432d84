import type { DocContext, Sink, YamlExtractor } from '../types.js';
import { embeddedYaml } from '../../yaml/embedded.js';
import { extractValues } from './extract.js';

const HELM = { disabledAsNotices: true };

/** `values.yaml`, `values-prod.yaml`, `values.staging.yml`, `my-values.yaml`: the names Helm users give values files. */
export const VALUES_FILE = /(?:^|\/)(?:[^/]*[-_.])?values(?:[-_.][^/]*)?\.ya?ml$/i;

/** The `data` keys of a v1 ConfigMap named like a values file: what a Flux HelmRelease's `valuesFrom` reads (`valuesKey`, by default `values.yaml`). */
function valuesKeys(ctx: DocContext): string[] {
  if (ctx.apiVersion !== 'v1' || ctx.kind !== 'ConfigMap') return [];
  return [...ctx.view.entries(ctx.view.get(ctx.view.doc.contents, 'data'))].map(([key]) => key).filter((key) => VALUES_FILE.test(key));
}

/** The values YAML written inside a ConfigMap's `data` string, with the string's positions in the file. */
function extractConfigMapValues(ctx: DocContext, sink: Sink): void {
  const data = ctx.view.get(ctx.view.doc.contents, 'data');
  for (const key of valuesKeys(ctx)) {
    const node = ctx.view.get(data, key, false);
    if (!node) continue;
    const inner = embeddedYaml(ctx.view, ctx.file, node);
    sink.diagnostics.push(...inner.diagnostics);
    if (inner.view) extractValues({ ...ctx, view: inner.view }, inner.view.doc.contents, ['data', key], { format: 'helm-values' }, sink, HELM);
  }
}

/**
 * A values file's document: no `kind`, or a `kind` without `apiVersion` (the descheduler chart's
 * values start with `kind: Deployment`, a chart setting, not a manifest).
 */
export const valuesDocument = (ctx: DocContext): boolean => (ctx.kind === undefined || ctx.apiVersion === undefined) && VALUES_FILE.test(ctx.rendered ?? ctx.file);

export const helmValues: YamlExtractor = {
  id: 'helm-values',
  description: 'Helm values files (values*.yaml), and values files held in a ConfigMap (`data: values.yaml: |`)',
  prefilter: { words: ['ConfigMap'], files: [VALUES_FILE] },
  matches: (ctx) => valuesDocument(ctx) || valuesKeys(ctx).length > 0,
  extract: (ctx, sink) => (valuesDocument(ctx) ? extractValues(ctx, ctx.view.doc.contents, [], { format: 'helm-values' }, sink, HELM) : extractConfigMapValues(ctx, sink)),
};
