import type { YamlExtractor } from '../types.js';
import { extractValues } from './extract.js';

/** `values.yaml`, `values-prod.yaml`, `values.staging.yml`, `my-values.yaml`: the names Helm users give values files. */
export const VALUES_FILE = /(?:^|\/)(?:[^/]*[-_.])?values(?:[-_.][^/]*)?\.ya?ml$/i;

export const helmValues: YamlExtractor = {
  id: 'helm-values',
  description: 'Helm values files (values*.yaml)',
  prefilter: { words: [], files: [VALUES_FILE] },
  matches: (ctx) => ctx.kind === undefined && VALUES_FILE.test(ctx.rendered ?? ctx.file),
  extract: (ctx, sink) => extractValues(ctx, ctx.view.doc.contents, [], { format: 'helm-values' }, sink),
};
