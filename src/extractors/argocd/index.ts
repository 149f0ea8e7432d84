import type { Node } from 'yaml';
import type { YamlPath } from '../../model/position.js';
import type { DocContext, Sink, YamlExtractor } from '../types.js';
import { parse } from 'yaml';
import { chartRef, ownerOf, valuesData } from '../common/owner.js';
import { extractSource } from './source.js';
import { gitSourceCandidate } from './other-repository.js';
import { templateSpecs } from '../common/appset-specs.js';
import { syncOf } from './sync-policy.js';

/** Argo CD's `helm.values` string as data; undefined when it is not YAML. */
function parseValues(text: string): unknown {
  try {
    return parse(text, { maxAliasCount: 100, logLevel: 'error' });
  } catch {
    return undefined;
  }
}

/** The sources of an Application spec: `source`, and every entry of `sources`. */
function sources(ctx: DocContext, spec: Node | null | undefined, specPath: YamlPath): [Node, YamlPath][] {
  const found: [Node, YamlPath][] = [];
  const single = ctx.view.get(spec, 'source');
  if (single) found.push([single, [...specPath, 'source']]);
  for (const [index, source] of ctx.view.items(ctx.view.get(spec, 'sources'))) if (source) found.push([source, [...specPath, 'sources', index]]);
  return found;
}

/** The sources of one Application spec (or ApplicationSet template): the chart of each, and its images. */
function extractSpec(ctx: DocContext, spec: Node, specPath: YamlPath, metadata: Node | null | undefined, sink: Sink, fallback?: Node, applicationSet?: string): void {
  for (const [source, path] of sources(ctx, spec, specPath)) {
    // A generator's template or the templatePatch is merged over spec.template: what it does not write comes from there.
    const base = fallback && path[path.length - 1] === 'source' ? ctx.view.get(fallback, 'source') : undefined;
    const field = (key: string): string | undefined => ctx.view.str(source, key) ?? (base ? ctx.view.str(base, key) : undefined);
    const chart = field('chart');
    const owner = ownerOf(ctx, { chart, version: field('targetRevision'), repoURL: field('repoURL') }, metadata);
    // Argo CD writes OCI Helm repositories without a scheme (`registry-1.docker.io/bitnamicharts`) or as oci://.
    const repoURL = owner.repoURL ?? '';
    const type = !chart ? 'git' : repoURL.startsWith('oci://') || (repoURL !== '' && !repoURL.includes('://')) ? 'oci' : 'helm';
    if (!fallback && (chart || repoURL)) {
      const ref = chartRef(ctx, 'argocd', type, source, path, owner, ctx.view.get(source, 'targetRevision'));
      const localPath = ctx.view.str(source, 'path');
      if (localPath) ref.localPath = localPath;
      const sync = syncOf(ctx, spec);
      if (sync) ref.sync = sync;
      if (applicationSet !== undefined) ref.applicationSet = applicationSet;
      // Whether this git source is the repository analysed is decided after the scan (decision 43).
      const candidate = type === 'git' && localPath ? gitSourceCandidate(ctx, source, path, localPath) : undefined;
      if (candidate) (sink.notFollowed ??= []).push(candidate);
      if (chart || localPath) {
        const helm = ctx.view.get(source, 'helm');
        const inline = ctx.view.string(ctx.view.get(helm, 'values'));
        ref.values = valuesData(ctx, ctx.view.get(helm, 'valuesObject')) ?? (inline ? parseValues(inline) : undefined) ?? {};
        ref.valuesPath = [...path, 'helm', ctx.view.get(helm, 'valuesObject') ? 'valuesObject' : 'values'];
      }
      sink.charts.push(ref);
    }
    extractSource(ctx, source, path, owner, sink);
  }
}

function extractApplication(ctx: DocContext, sink: Sink): void {
  const root = ctx.view.doc.contents;
  if (ctx.kind !== 'ApplicationSet') {
    const spec = ctx.view.get(root, 'spec');
    if (spec) extractSpec(ctx, spec, ['spec'], ctx.view.get(root, 'metadata'), sink);
    return;
  }
  // spec.template, each generator's own template, spec.templatePatch: each writes images (decision 0047).
  const { specs } = templateSpecs(ctx);
  const base = specs.find((s) => s.writer === 'template');
  const setName = ctx.view.str(root, 'metadata', 'name') ?? '';
  for (const spec of specs) {
    const metadata = spec.metadata ?? base?.metadata ?? ctx.view.get(root, 'metadata');
    extractSpec(spec.ctx, spec.spec, spec.specPath, metadata, sink, spec.writer === 'template' ? undefined : (base?.spec ?? undefined), setName);
  }
}

/** Argo CD Application and ApplicationSet (`source` and `sources`). */
export const argocd: YamlExtractor = {
  id: 'argocd',
  description: 'Argo CD Application / ApplicationSet: chart and targetRevision, helm values / valuesObject / parameters, kustomize images and patches',
  prefilter: { words: ['argoproj.io/'] },
  matches: (ctx) => ctx.apiVersion?.startsWith('argoproj.io/') === true && (ctx.kind === 'Application' || ctx.kind === 'ApplicationSet'),
  extract: extractApplication,
};
