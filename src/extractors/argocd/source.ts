import type { Node } from 'yaml';
import type { Owner } from '../../model/occurrence.js';
import type { YamlPath } from '../../model/position.js';
import type { DocContext, Sink } from '../types.js';
import { fromFields, fromString, type Field } from '../common/build.js';
import { extractValues } from '../helm-values/extract.js';
import { embeddedYaml } from '../../yaml/embedded.js';
import { patchEntries, sinkPatches } from '../kustomize/patches.js';

const PARAMETER = /^(.*?)\.?(repository|registry|tag|digest)$/;

/**
 * `helm.parameters` entries set values by dotted name. Those that share a prefix and end in
 * `repository` / `registry` / `tag` / `digest` (`image.repository` + `image.tag`) form one reference.
 */
function extractParameters(ctx: DocContext, list: Node | null | undefined, listPath: YamlPath, owner: Owner, sink: Sink): void {
  const groups = new Map<string, Partial<Record<'repository' | 'registry' | 'tag' | 'digest', Field>>>();
  for (const [index, param] of ctx.view.items(list)) {
    const name = ctx.view.str(param, 'name');
    const value = ctx.view.get(param, 'value');
    const match = name ? PARAMETER.exec(name) : null;
    if (!match || !value) continue;
    const group = groups.get(match[1]!) ?? {};
    group[match[2] as 'repository'] = { node: value, path: [...listPath, index, 'value'] };
    groups.set(match[1]!, group);
  }
  for (const [prefix, fields] of groups) {
    if (!fields.repository) continue;
    const occ = fromFields(ctx, fields, [...listPath], { format: 'argocd', owner, notes: [`helm parameters ${prefix || '(root)'}.*`] }, 'helm-parameters');
    if (occ) sink.occurrences.push(occ);
  }
}

/** Argo CD `kustomize.images`: `[old-name=]new-ref`, where the part after `=` is what is deployed. */
function extractKustomizeImages(ctx: DocContext, list: Node | null | undefined, listPath: YamlPath, owner: Owner, sink: Sink): void {
  for (const [index, item] of ctx.view.items(list)) {
    const text = ctx.view.string(item);
    if (!item || !text) continue;
    const eq = text.indexOf('=');
    const occ = fromString(ctx, item, [...listPath, index], { format: 'argocd', owner }, 'argocd-kustomize-image', text.slice(eq + 1), eq + 1);
    if (occ) sink.occurrences.push(occ);
  }
}

/** Images of one Application source: Helm values (object or string), parameters, kustomize images and patches. */
export function extractSource(ctx: DocContext, source: Node, path: YamlPath, owner: Owner, sink: Sink): void {
  const helm = ctx.view.get(source, 'helm');
  const scope = { format: 'argocd' as const, owner };
  extractValues(ctx, ctx.view.get(helm, 'valuesObject'), [...path, 'helm', 'valuesObject'], scope, sink, { disabledAsNotices: true });
  const values = ctx.view.get(helm, 'values');
  if (values) {
    const inner = embeddedYaml(ctx.view, ctx.file, values);
    sink.diagnostics.push(...inner.diagnostics);
    if (inner.view) extractValues({ ...ctx, view: inner.view }, inner.view.doc.contents, [...path, 'helm', 'values'], scope, sink, { disabledAsNotices: true });
  }
  extractParameters(ctx, ctx.view.get(helm, 'parameters'), [...path, 'helm', 'parameters'], owner, sink);
  extractKustomizeImages(ctx, ctx.view.at(source, ['kustomize', 'images']), [...path, 'kustomize', 'images'], owner, sink);
  const patches = patchEntries(ctx, ctx.view.get(source, 'kustomize'), [...path, 'kustomize'], ['kustomize.patches'], scope);
  sinkPatches(sink, patches);
}
