import type { Node } from 'yaml';
import type { YamlPath } from '../../model/position.js';
import type { DocContext, Sink, YamlExtractor } from '../types.js';
import { parse } from 'yaml';
import { chartRef, ownerOf, valuesData } from '../common/owner.js';
import { extractSource } from './source.js';
import { gitSourceCandidate } from './other-repository.js';

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

function extractApplication(ctx: DocContext, sink: Sink): void {
  const root = ctx.view.doc.contents;
  const isSet = ctx.kind === 'ApplicationSet';
  const specPath: YamlPath = isSet ? ['spec', 'template', 'spec'] : ['spec'];
  const metadata = isSet ? (ctx.view.at(root, ['spec', 'template', 'metadata']) ?? ctx.view.get(root, 'metadata')) : ctx.view.get(root, 'metadata');
  for (const [source, path] of sources(ctx, ctx.view.at(root, specPath), specPath)) {
    const chart = ctx.view.str(source, 'chart');
    const owner = ownerOf(ctx, { chart, version: ctx.view.str(source, 'targetRevision'), repoURL: ctx.view.str(source, 'repoURL') }, metadata);
    // Argo CD writes OCI Helm repositories without a scheme (`registry-1.docker.io/bitnamicharts`) or as oci://.
    const repoURL = owner.repoURL ?? '';
    const type = !chart ? 'git' : repoURL.startsWith('oci://') || (repoURL !== '' && !repoURL.includes('://')) ? 'oci' : 'helm';
    if (chart || repoURL) {
      const ref = chartRef(ctx, 'argocd', type, source, path, owner, ctx.view.get(source, 'targetRevision'));
      const localPath = ctx.view.str(source, 'path');
      if (localPath) ref.localPath = localPath;
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

/** Argo CD Application and ApplicationSet (`source` and `sources`). */
export const argocd: YamlExtractor = {
  id: 'argocd',
  description: 'Argo CD Application / ApplicationSet: chart and targetRevision, helm values / valuesObject / parameters, kustomize images and patches',
  prefilter: { words: ['argoproj.io/'] },
  matches: (ctx) => ctx.apiVersion?.startsWith('argoproj.io/') === true && (ctx.kind === 'Application' || ctx.kind === 'ApplicationSet'),
  extract: extractApplication,
};
