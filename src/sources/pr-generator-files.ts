import { dirname, join, normalize } from 'node:path/posix';
import { parseAllDocuments } from 'yaml';

const KUSTOMIZATION = /(?:^|\/)kustomization\.ya?ml$/i;
/** Generator files fetched per pull request at most, like the scan's own limit (src/engine/generator-files.ts). */
const MAX_FILES = 256;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');

/**
 * The files a kustomization's `configMapGenerator` / `secretGenerator` entries read that are not
 * YAML the pull request source fetches anyway: `envs:`/`env:` files and `files:` entries
 * (`key=path` or a path), which a HelmRelease's `valuesFrom` may read (decision 0048). Only paths of
 * the tree listing; a kustomization that does not parse names none.
 */
export function generatorDataFiles(texts: Iterable<[string, string]>, tree: readonly string[]): Set<string> {
  const inTree = new Set(tree);
  const out = new Set<string>();
  for (const [file, text] of texts) {
    if (!KUSTOMIZATION.test(file)) continue;
    let root: unknown;
    try {
      root = parseAllDocuments(text, { logLevel: 'silent' }).map((d) => (Array.isArray(d) ? undefined : d.toJS({ maxAliasCount: 50 })))[0];
    } catch {
      continue;
    }
    if (typeof root !== 'object' || root === null) continue;
    for (const field of ['configMapGenerator', 'secretGenerator']) {
      const entries = (root as Record<string, unknown>)[field];
      for (const gen of Array.isArray(entries) ? entries : []) {
        if (typeof gen !== 'object' || gen === null) continue;
        const g = gen as Record<string, unknown>;
        const paths = [...strings(g.envs), ...strings(g.env), ...strings(g.files).map((f) => f.slice(f.indexOf('=') + 1))];
        for (const entry of paths) {
          const path = normalize(join(dirname(file), entry));
          if (inTree.has(path) && out.size < MAX_FILES) out.add(path);
        }
      }
    }
  }
  return out;
}
