import { isMap, isSeq, type Document } from 'yaml';
import { parseYaml } from '../yaml/parse.js';
import type { DeployUnit } from './types.js';

/** `./apps/production/` → `apps/production`; `./` → ''. */
function normalise(path: string): string {
  return path.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
}

function text(doc: Document.Parsed, path: (string | number)[]): string | undefined {
  const value = doc.getIn(path);
  return typeof value === 'string' ? value : undefined;
}

/**
 * What deploys which directory, from the manifests themselves: a Flux Kustomization's `spec.path`
 * and an Argo CD Application's `spec.source.path` (or each of `spec.sources[].path`). Names are
 * what Flux and Argo CD put in their commit statuses. Files that do not parse add nothing.
 */
export function deployUnits(file: string, content: string): DeployUnit[] {
  if (!/kind:\s*["']?(Kustomization|Application)\b/.test(content)) return [];
  const units: DeployUnit[] = [];
  for (const { doc } of parseYaml(file, content).documents) {
    if (!isMap(doc.contents)) continue;
    const kind = text(doc, ['kind']);
    const api = text(doc, ['apiVersion']) ?? '';
    const name = text(doc, ['metadata', 'name']);
    if (!name) continue;
    if (kind === 'Kustomization' && api.startsWith('kustomize.toolkit.fluxcd.io/')) {
      units.push({ name, kind: 'flux', path: normalise(text(doc, ['spec', 'path']) ?? '') });
    } else if (kind === 'Application' && api.startsWith('argoproj.io/')) {
      const sources = doc.getIn(['spec', 'sources']);
      const paths = isSeq(sources) ? sources.items.map((_, i) => text(doc, ['spec', 'sources', i, 'path'])) : [text(doc, ['spec', 'source', 'path'])];
      // A source without a path deploys a chart from elsewhere: nothing of this repository.
      for (const path of paths) if (path !== undefined) units.push({ name, kind: 'argocd', path: normalise(path) });
    }
  }
  return units;
}
