import { dirname } from 'node:path';
import type { ConfigDataLayer, GeneratedConfigMap, HelmReleaseLayer, KustomizationLayer, Located, ValueLeavesLayer, ValuesFromEntry } from '../../model/layers.js';
import type { YamlPath } from '../../model/position.js';
import type { ConfigIndex } from './substitute.js';
import { treePath } from './tree.js';

/**
 * One layer of a HelmRelease's values, in Flux's merge order: each `valuesFrom` entry in turn
 * (a values tree, or one value at a `targetPath`), then `spec.values`; or what the tree does not say.
 */
export type ValuesSource =
  | { kind: 'values'; file: string; document?: number; prefix: YamlPath; leaves: Record<string, Located>; what: string; inline: boolean }
  | { kind: 'target'; file: string; key: string; value: Located; what: string }
  | { kind: 'unknown'; key?: string; reason: string };

/** The `configMapGenerator` entries of the tree by name, with the kustomization that holds each. */
export type GeneratorIndex = Map<string, { layer: KustomizationLayer; gen: GeneratedConfigMap }[]>;

export function generatorIndex(kustomizations: KustomizationLayer[]): GeneratorIndex {
  const index: GeneratorIndex = new Map();
  for (const layer of kustomizations) for (const gen of layer.configMaps ?? []) index.set(gen.name, [...(index.get(gen.name) ?? []), { layer, gen }]);
  return index;
}

type Found = { literal: ConfigDataLayer } | { layer: KustomizationLayer; gen: GeneratedConfigMap };

const sameNamespace = (a: string | undefined, b: string | undefined): boolean => a === undefined || b === undefined || a === b;
const fileOf = (found: Found): string => ('literal' in found ? found.literal.file : found.layer.file);

/** The ConfigMaps of the tree an entry may name; several are narrowed to those beside the release. */
function candidates(release: HelmReleaseLayer, name: string, configs: ConfigIndex, generators: GeneratorIndex): Found[] {
  const all: Found[] = [
    ...(configs.get(name) ?? []).filter((c) => c.objectKind === 'ConfigMap' && sameNamespace(c.namespace, release.namespace)).map((literal) => ({ literal })),
    ...(generators.get(name) ?? []).filter(({ gen }) => sameNamespace(gen.namespace, release.namespace)),
  ];
  if (all.length < 2) return all;
  const near = all.filter((f) => dirname(fileOf(f)) === dirname(release.file));
  return near.length > 0 ? near : all;
}

/** Where the entry's value (or values) is, in one ConfigMap found; undefined when an optional entry's key is missing (Flux skips it). */
function fromConfigMap(entry: ValuesFromEntry, found: Found, leaves: Map<string, ValueLeavesLayer>, said: string): ValuesSource | undefined {
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

/** A HelmRelease's values layers in Flux's order: `valuesFrom` entries in turn, then `spec.values` (flux helm-controller, decision 0033). */
export function valuesSources(release: HelmReleaseLayer, configs: ConfigIndex, generators: GeneratorIndex, leaves: Map<string, ValueLeavesLayer>): ValuesSource[] {
  const out: ValuesSource[] = [];
  for (const entry of release.valuesFrom) {
    const said = `valuesFrom of ${release.file} line ${entry.line}`;
    const key = entry.targetPath ? { key: entry.targetPath } : {};
    if (entry.kind === 'Secret') {
      out.push({ kind: 'unknown', ...key, reason: `values from Secret ${entry.name} (${said}) are not in the repository; the effective image may differ` });
      continue;
    }
    if (entry.kind !== 'ConfigMap') continue; // Flux rejects any other kind: the release does not reconcile at all.
    const found = candidates(release, entry.name, configs, generators);
    if (found.length === 0) {
      const optional = entry.optional ? ' (optional: Flux skips it when the cluster has none)' : '';
      out.push({ kind: 'unknown', ...key, reason: `ConfigMap ${entry.name} (${said}) is neither a ConfigMap manifest nor a configMapGenerator entry of the tree${optional}; the effective image may differ` });
    } else if (found.length > 1) {
      out.push({ kind: 'unknown', ...key, reason: `the tree has ${found.length} ConfigMaps named ${entry.name} (${found.map(fileOf).join(', ')}), ${said}` });
    } else {
      const source = fromConfigMap(entry, found[0]!, leaves, said);
      if (source) out.push(source);
    }
  }
  out.push({ kind: 'values', file: release.file, document: release.document, prefix: ['spec', 'values'], leaves: release.inline, what: `spec.values of ${release.file}`, inline: true });
  return out;
}
