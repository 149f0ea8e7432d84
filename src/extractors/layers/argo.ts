import type { Node } from 'yaml';
import type { ArgoHelmLayer, ImageRewrite } from '../../model/layers.js';
import type { YamlPath } from '../../model/position.js';
import type { DocContext } from '../types.js';
import { generatorsOf } from './generators.js';
import { resolve, sourcesOf, type Part, type UsedSource } from './appset-runs.js';
import { templateSpecs, type TemplateSpec } from '../common/appset-specs.js';
import { located, locatedList } from './read.js';
import { patchEntries } from '../kustomize/patches.js';
import { switchesOf } from './switches.js';
import { embeddedYaml } from '../../yaml/embedded.js';

/**
 * Argo CD `kustomize.images` entries, as `kustomize edit set image` reads them: `[old=]new`, where
 * `new` is `name`, `name:tag`, `name@digest` or `name:tag@digest`.
 */
function kustomizeImages(ctx: DocContext, list: Node | null | undefined, path: YamlPath): ImageRewrite[] {
  const out: ImageRewrite[] = [];
  for (const [index, item] of ctx.view.items(list)) {
    const text = ctx.view.string(item);
    if (!item || !text) continue;
    const eq = text.indexOf('=');
    const old = eq < 0 ? undefined : text.slice(0, eq);
    const value = text.slice(eq + 1);
    const at = value.indexOf('@');
    let name = at < 0 ? value : value.slice(0, at);
    const colon = name.lastIndexOf(':');
    const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
    if (tag !== undefined) name = name.slice(0, colon);
    const rewrite: ImageRewrite = { name: old ?? name, path: [...path, index], line: ctx.view.span(item).start.line };
    if (old !== undefined && name !== old) rewrite.newName = name;
    if (tag) rewrite.newTag = tag;
    if (at >= 0) rewrite.digest = value.slice(at + 1);
    out.push(rewrite);
  }
  return out;
}

/** What one source writes that layers values or images, each part read where its template writes it. */
function sourceLayer(pick: (part: Part) => { ctx: DocContext; node: Node; path: YamlPath } | undefined): Pick<ArgoHelmLayer, 'valueFiles' | 'parameters' | 'path' | 'repoURL' | 'kustomizeImages' | 'kustomizePatches' | 'inlineSwitches'> & { ref?: string } {
  const read = <T>(part: Part, f: (c: DocContext, node: Node, path: YamlPath) => T): T | undefined => {
    const at = pick(part);
    return at ? f(at.ctx, at.node, at.path) : undefined;
  };
  const valueFiles = read('helm.valueFiles', (c, n, p) => locatedList(c, c.view.at(n, ['helm', 'valueFiles']), [...p, 'helm', 'valueFiles'])) ?? [];
  const parameters = read('helm.parameters', (c, n, p) => [...c.view.items(c.view.at(n, ['helm', 'parameters']))].flatMap(([index, param]) => {
    const paramName = c.view.str(param, 'name');
    const value = located(c, c.view.get(param, 'value'), [...p, 'helm', 'parameters', index, 'value']);
    return paramName && value ? [{ ...value, name: paramName }] : [];
  })) ?? [];
  // Argo CD merges helm.valuesObject (or else the helm.values string) over every values file (decision 64).
  const inline = read('helm.valuesObject', (c, n, p) => switchesOf(c, c.view.at(n, ['helm', 'valuesObject']), [...p, 'helm', 'valuesObject']));
  const inlineSwitches = inline && Object.keys(inline).length ? inline : read('helm.values', (c, n, p) => {
    const node = c.view.at(n, ['helm', 'values']);
    const inner = node && !inline ? embeddedYaml(c.view, c.file, node).view : undefined;
    const found = inner ? switchesOf({ ...c, view: inner }, inner.doc.contents, [...p, 'helm', 'values']) : {};
    return Object.keys(found).length ? found : undefined;
  });
  const images = read('kustomize.images', (c, n, p) => kustomizeImages(c, c.view.at(n, ['kustomize', 'images']), [...p, 'kustomize', 'images'])) ?? [];
  const patches = read('kustomize.patches', (c, n, p) => patchEntries(c, c.view.get(n, 'kustomize'), [...p, 'kustomize'], ['kustomize.patches'], { format: 'argocd' }).patches) ?? [];
  const path = read('path', (c, n) => c.view.str(n, 'path'));
  const ref = read('ref', (c, n) => c.view.str(n, 'ref'));
  // A git source's repository (a chart source's repoURL is a Helm repository, not where `path` is).
  const repoURL = read('chart', (c, n) => c.view.str(n, 'chart')) ? undefined : read('repoURL', (c, n) => c.view.str(n, 'repoURL'));
  return { valueFiles, parameters, ...(inlineSwitches && Object.keys(inlineSwitches).length && { inlineSwitches }), ...(path && { path }), ...(repoURL && { repoURL }), ...(images.length && { kustomizeImages: images }), ...(patches.length && { kustomizePatches: patches }), ...(ref && { ref }) };
}

/**
 * The Argo CD Application (or ApplicationSet template) sources that layer values: `helm.valueFiles`,
 * `helm.parameters`, the `path` they are relative to and the `ref` names of multi-source
 * Applications. An ApplicationSet also records its generators, and, when a generator's own
 * `template:` or `spec.templatePatch` writes a source, which parts each generator's Applications
 * get (`set.templates`); its layers then name the generators they are for.
 */
export function argoLayers(ctx: DocContext): ArgoHelmLayer[] {
  const root = ctx.view.doc.contents;
  const isSet = ctx.kind === 'ApplicationSet';
  const name = ctx.view.str(root, 'metadata', 'name');
  const set = isSet ? generatorsOf(ctx, ctx.view.get(root, 'spec')) : undefined;
  const specs = isSet ? templateSpecs(ctx) : { specs: [{ writer: 'template' as const, ctx, spec: ctx.view.get(root, 'spec')!, specPath: ['spec'], what: 'spec' }] };
  const base = specs.specs.find((s) => s.writer === 'template');
  const patch = specs.specs.find((s) => s.writer === 'patch');
  const own = specs.specs.filter((s) => s.writer === 'generator');
  const groups: { generators?: number[]; used: UsedSource[] }[] = [];
  const order = (g?: number): { spec: TemplateSpec; src: ReturnType<typeof sourcesOf> }[] =>
    [base, own.find((s) => s.generator === g), patch].flatMap((spec) => (spec ? [{ spec, src: sourcesOf(spec) }] : []));
  if (set && (own.length > 0 || patch || specs.patchUnknown)) {
    const count = set.generators.length;
    const shared = resolve(order());
    set.templates = Array.from({ length: count }, (_, g) => (specs.patchUnknown ? { unknown: specs.patchUnknown } : own.some((s) => s.generator === g) ? resolve(order(g)).runs : shared.runs));
    if (!specs.patchUnknown) {
      const plain = Array.from({ length: count }, (_, g) => g).filter((g) => !own.some((s) => s.generator === g));
      if (plain.length) groups.push({ generators: plain, used: shared.used });
      for (const spec of own) if (spec.generator! < count) groups.push({ generators: [spec.generator!], used: resolve(order(spec.generator)).used });
    }
  } else groups.push({ used: base ? resolve(order()).used : [] });
  const layers: ArgoHelmLayer[] = [];
  for (const group of groups) {
    const read = group.used.map((source) => ({ source, data: sourceLayer((part) => { const w = source.pick.get(part); return w && { ctx: w.spec.ctx, node: w.node, path: w.path }; }) }));
    const refs: Record<string, string> = {};
    const refRepoURLs: Record<string, string> = {};
    for (const { data } of read) if (data.ref) {
      refs[data.ref] = data.path ?? '.';
      if (data.repoURL) refRepoURLs[data.ref] = data.repoURL;
    }
    for (const { source, data } of read) {
      const { ref, ...fields } = data;
      void ref;
      if (fields.valueFiles.length === 0 && fields.parameters.length === 0 && !fields.kustomizeImages && !fields.kustomizePatches && !set) continue;
      const layer: ArgoHelmLayer = { kind: 'argo-helm', file: ctx.file, document: ctx.document, line: source.first.spec.ctx.view.span(source.first.node).start.line, refs, ...fields };
      if (name) layer.name = name;
      if (Object.keys(refRepoURLs).length) layer.refRepoURLs = refRepoURLs;
      if (set) layer.set = set;
      if (group.generators) layer.generators = group.generators;
      layers.push(layer);
    }
  }
  if (layers.length === 0 && set) layers.push({ kind: 'argo-helm', file: ctx.file, document: ctx.document, line: 1, refs: {}, valueFiles: [], parameters: [], set, generators: [], ...(name && { name }) });
  return layers;
}
