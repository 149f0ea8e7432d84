import { dirname } from 'node:path';
import type { ConfigDataLayer, GeneratedConfigMap, KustomizationLayer, ValueLeavesLayer, ValuesFromEntry } from '../../model/layers.js';
import { treePath } from './tree.js';
import type { ValuesSource } from './values-from.js';

/** A ConfigMap of the tree by the name a `valuesFrom` entry gives: a manifest, or a kustomization's generator entry. */
export type Found = { literal: ConfigDataLayer } | { layer: KustomizationLayer; gen: GeneratedConfigMap };

export const fileOf = (found: Found): string => ('literal' in found ? found.literal.file : found.layer.file);

/** Where the entry's value (or values) is, in one ConfigMap found; undefined when an optional entry's key is missing (Flux skips it). */
export function fromConfigMap(entry: ValuesFromEntry, found: Found, leaves: Map<string, ValueLeavesLayer>, said: string): ValuesSource | undefined {
  const key = entry.valuesKey;
  const what = `ConfigMap ${entry.name} key ${key} (${said})`;
  const missing = (where: string): ValuesSource | undefined => entry.optional ? undefined : { kind: 'unknown', ...(entry.targetPath && { key: entry.targetPath }), reason: `${where} has no key ${key}: Flux fails to reconcile the release (${said})` };
  if ('literal' in found) {
    const { literal } = found;
    if (!(key in literal.data)) return missing(`ConfigMap ${entry.name} (${literal.file})`);
    if (entry.targetPath) return { kind: 'target', file: literal.file, key: entry.targetPath, value: literal.data[key]!, what };
    const tree = literal.values?.[key];
    if (tree) return { kind: 'values', file: literal.file, document: literal.document ?? 0, prefix: ['data', key], leaves: tree, what, inline: false };
    return { kind: 'unknown', reason: `${what} is not named like a values file, so imagepin did not read it as values (${literal.file})` };
  }
  const { layer, gen } = found;
  const hash = gen.unhashed || gen.configurations ? '' : `; kustomize adds a hash suffix to this generated name and ${layer.file} has no configurations: that could rewrite the reference, so Flux may not find it`;
  const literal = gen.literals[key];
  const file = gen.files[key];
  if (entry.targetPath) {
    if (literal) return { kind: 'target', file: layer.file, key: entry.targetPath, value: literal, what: `${what}, a configMapGenerator literal of ${layer.file}${hash}` };
    if (file) return { kind: 'unknown', key: entry.targetPath, reason: `${what} is the file ${file.value} (${layer.file} line ${file.line}), which imagepin does not read as one value` };
    return missing(`configMapGenerator ${gen.name} (${layer.file} line ${gen.line})`);
  }
  if (!file) return literal ? { kind: 'unknown', reason: `${what} is a configMapGenerator literal (${layer.file} line ${literal.line}), which imagepin does not read as values` } : missing(`configMapGenerator ${gen.name} (${layer.file} line ${gen.line})`);
  const path = treePath(dirname(layer.file), file.value);
  const read = path === undefined ? undefined : leaves.get(path);
  if (!read) return { kind: 'unknown', reason: `${what} is the file ${file.value} (${layer.file} line ${file.line}), which is not among the files imagepin read as a values file` };
  return { kind: 'values', file: read.file, prefix: [], leaves: read.leaves, what: `${what}, the file ${read.file} of configMapGenerator ${gen.name} in ${layer.file}${hash}`, inline: false };
}
