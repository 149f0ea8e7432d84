import { dirname } from 'node:path/posix';
import type { Layer } from '../model/layers.js';
import type { SourceFile } from '../sources/types.js';
import { patchNamers } from './effective/patch-files.js';
import { treePath } from './effective/tree.js';

const JSON_FILE = /\.json$/i;

/**
 * The `.json` patch files (RFC 6902 ops, or a strategic-merge object) that the kustomizations, Flux
 * Kustomizations and Argo CD Applications read so far name, and that the listing holds: the scan
 * reads them after the YAML files, as YAML (JSON is YAML), so their images are reported and joined
 * like a `.yaml` patch file's. Other `.json` files of the tree are not read.
 */
export function namedJsonPatches(layers: Layer[], listed: readonly SourceFile[]): SourceFile[] {
  const byPath = new Map(listed.filter((f) => JSON_FILE.test(f.path)).map((f) => [f.path, f]));
  if (byPath.size === 0) return [];
  const dirs = new Set<string>(['.']);
  for (const f of listed) for (let d = dirname(f.path); d !== '.' && !dirs.has(d); d = dirname(d)) dirs.add(d);
  const out = new Map<string, SourceFile>();
  for (const { dir, patches } of patchNamers(layers, (d) => dirs.has(d))) {
    for (const patch of patches) {
      const path = patch.file !== undefined && JSON_FILE.test(patch.file) ? treePath(dir, patch.file) : undefined;
      const file = path === undefined ? undefined : byPath.get(path);
      if (file) out.set(file.path, file);
    }
  }
  return [...out.values()];
}
