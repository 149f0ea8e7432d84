import { dirname } from 'node:path/posix';
import type { Layer } from '../model/layers.js';
import { decodeText } from './decode.js';
import { treePath } from './effective/tree.js';

/** A file a `configMapGenerator` or `secretGenerator` reads that no extractor reads: its text, or why it could not be read. */
export type GeneratorFile = { text: string } | { error: string };

/** Generator files read per scan at most: the tree may be an untrusted pull request. */
export const MAX_GENERATOR_FILES = 256;

/**
 * The generator files a HelmRelease's `valuesFrom` may read as values, which the scan reads after
 * the YAML: every `envs:`/`env:` file of a `configMapGenerator` or `secretGenerator`, and a `files:`
 * entry whose key a `targetPath` entry of the same kind and name reads (its whole text is the value). Only files of
 * the listing, at most MAX_GENERATOR_FILES, in path order.
 */
export function generatorFilesWanted(layers: Layer[], listed: ReadonlySet<string>): string[] {
  const targets = new Set<string>();
  for (const layer of layers) {
    if (layer.kind !== 'flux-helm-release') continue;
    for (const entry of layer.valuesFrom) if (entry.targetPath) targets.add(`${entry.kind}\u0000${entry.name}\u0000${entry.valuesKey}`);
  }
  const wanted = new Set<string>();
  for (const layer of layers) {
    if (layer.kind !== 'kustomization') continue;
    const dir = dirname(layer.file);
    for (const [kind, gen] of [...(layer.configMaps ?? []).map((g) => ['ConfigMap', g] as const), ...(layer.secrets ?? []).map((g) => ['Secret', g] as const)]) {
      const paths = [...(gen.envs ?? []).map((e) => e.value), ...Object.entries(gen.files).filter(([key]) => targets.has(`${kind}\u0000${gen.name}\u0000${key}`)).map(([, f]) => f.value)];
      for (const entry of paths) {
        const path = treePath(dir, entry);
        if (path !== undefined && listed.has(path)) wanted.add(path);
      }
    }
  }
  return [...wanted].sort().slice(0, MAX_GENERATOR_FILES);
}

/** Reads the wanted generator files as text (never throws: a file that cannot be read is kept with its reason). */
export async function readGeneratorFiles(paths: readonly string[], read: (path: string) => Promise<Uint8Array>, maxBytes: number): Promise<Map<string, GeneratorFile>> {
  const out = new Map<string, GeneratorFile>();
  for (const path of paths) {
    try {
      const decoded = decodeText(path, await read(path), maxBytes);
      out.set(path, 'text' in decoded ? { text: decoded.text } : { error: decoded.diagnostic.message });
    } catch (err) {
      out.set(path, { error: `it could not be read (${(err as Error).message})` });
    }
  }
  return out;
}
