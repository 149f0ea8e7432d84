import type { MetadataAdds, ObjectMeta, ObjectMetaLayer } from '../../model/layers.js';
import type { YamlPath } from '../../model/position.js';
import { podSpecs } from '../kubernetes/index.js';
import { mergeValues, writesImages } from '../kustomize/values-patch.js';
import type { DocContext } from '../types.js';

type Strings = { map: Record<string, string> } | { unknown: string };

/** A map of strings (labels, annotations) as kustomize reads it; why not, when a value is no scalar. */
function stringMap(ctx: DocContext, node: unknown, what: string): Strings {
  if (node === undefined || node === null) return { map: {} };
  if (!ctx.view.map(node)) return { unknown: `its ${what} are not a map` };
  const map: Record<string, string> = {};
  for (const [key, value] of ctx.view.entries(node)) {
    const text = ctx.view.string(value);
    if (text === undefined) return { unknown: `its ${what} ${key} is not a single value` };
    map[key] = text;
  }
  return { map };
}

/** One object's metadata at `base` of the document: apiVersion, kind, labels and annotations (only those written). */
function objectMeta(ctx: DocContext, base: YamlPath): ObjectMeta {
  const root = ctx.view.at(ctx.view.doc.contents, base);
  const meta: ObjectMeta = { document: ctx.document, base };
  const apiVersion = base.length ? ctx.view.str(root, 'apiVersion') : ctx.apiVersion;
  const kind = base.length ? ctx.view.str(root, 'kind') : ctx.kind;
  if (apiVersion) meta.apiVersion = apiVersion;
  if (kind) meta.kind = kind;
  const metadata = ctx.view.get(root, 'metadata');
  for (const what of ['labels', 'annotations'] as const) {
    const read = stringMap(ctx, ctx.view.get(metadata, what), what);
    if ('unknown' in read) meta.unknown ??= read.unknown;
    else if (Object.keys(read.map).length > 0) meta[what] = read.map;
  }
  return meta;
}

/** A HelmRelease's metadata, with its values as a strategic-merge patch file would write them (when a kustomization names the file as one). */
function releaseMeta(ctx: DocContext): ObjectMeta {
  const meta = objectMeta(ctx, []);
  const root = ctx.view.doc.contents;
  const name = ctx.view.str(root, 'metadata', 'name');
  const namespace = ctx.view.str(root, 'metadata', 'namespace');
  if (name) meta.name = name;
  if (namespace) meta.namespace = namespace;
  // A release without a chart cannot be installed: it is a strategic-merge patch, whose values are read for the
  // kustomization that names it. Any other release's values are read where they are written, not twice.
  // A patch whose values write no image (a schedule, env) changes no image: it is no `chartValues` release.
  const spec = ctx.view.get(root, 'spec');
  const chartless = !ctx.view.get(spec, 'chart') && !ctx.view.get(spec, 'chartRef');
  const values = root && chartless ? mergeValues(ctx, root, []) : undefined;
  const valuesFrom = Boolean(ctx.view.seq(ctx.view.at(root, ['spec', 'valuesFrom']))?.items.length);
  // One that only switches `enabled` keys (decision 64) keeps them, but still writes no image.
  if (values && writesImages(values)) meta.values = values;
  else if (root && !chartless && ctx.view.get(spec, 'values')) meta.chartValues = true;
  else if (root && chartless && valuesFrom) meta.unreadPatch = `the patch file ${ctx.file} sets spec.valuesFrom of the HelmRelease, which imagepin does not join with a patch`;
  else if (values) meta.values = values;
  if (valuesFrom) meta.valuesFrom = true;
  return meta;
}

/**
 * The metadata a patch target selects by, of the objects of a document that hold images a patch may
 * set: each workload (also the items of a List), a Flux HelmRelease, and a custom resource with images
 * (`customResource`). Undefined for any other document.
 */
export function objectMetaLayer(ctx: DocContext, customResource = false): ObjectMetaLayer | undefined {
  const helmRelease = ctx.kind === 'HelmRelease' && (ctx.apiVersion ?? '').startsWith('helm.toolkit.fluxcd.io/');
  if (helmRelease) return { kind: 'object-meta', file: ctx.file, objects: [releaseMeta(ctx)] };
  const bases = podSpecs(ctx).map((s) => s.base);
  // A custom resource whose images the `crd` extractor found (no pod spec): the document itself, for the `$patch: delete` patches that name it (decision 0067).
  if (bases.length === 0 && customResource) bases.push([]);
  return bases.length ? { kind: 'object-meta', file: ctx.file, objects: bases.map((b) => objectMeta(ctx, b)) } : undefined;
}

/** What a kustomization adds to every object's metadata: `commonLabels`, `labels[].pairs`, `commonAnnotations`. Undefined when it adds none. */
export function metadataAdds(ctx: DocContext, root: unknown): MetadataAdds | undefined {
  const adds: MetadataAdds = { labels: {}, annotations: {} };
  const merge = (read: Strings, into: Record<string, string>, what: string): void => {
    if ('unknown' in read) adds.unknown ??= `${ctx.file} ${what}: ${read.unknown.replace(/^its /, '')}`;
    else Object.assign(into, read.map);
  };
  merge(stringMap(ctx, ctx.view.get(root, 'commonLabels'), 'labels'), adds.labels, 'commonLabels');
  for (const [, entry] of ctx.view.items(ctx.view.get(root, 'labels'))) merge(stringMap(ctx, ctx.view.get(entry, 'pairs'), 'labels'), adds.labels, 'labels');
  merge(stringMap(ctx, ctx.view.get(root, 'commonAnnotations'), 'annotations'), adds.annotations, 'commonAnnotations');
  return adds.unknown || Object.keys(adds.labels).length || Object.keys(adds.annotations).length ? adds : undefined;
}
