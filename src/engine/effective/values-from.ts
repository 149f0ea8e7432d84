import { dirname } from 'node:path';
import type { GeneratedConfigMap, HelmReleaseLayer, KustomizationLayer, Located, ValueLeavesLayer } from '../../model/layers.js';
import type { YamlPath } from '../../model/position.js';
import type { Switches } from '../../model/switches.js';
import { placements, sameNamespace, type Placed } from './namespaces.js';
import type { ConfigIndex } from './substitute.js';
import type { Chain } from './tree.js';
import { fileOf, fromConfigMap, type Found } from './values-from-found.js';
import { targetKey } from './set-value.js';
import type { GeneratorFile } from '../generator-files.js';

/**
 * One layer of a HelmRelease's values, in Flux's merge order: each `valuesFrom` entry in turn
 * (a values tree, or one value at a `targetPath`), then `spec.values`; or what the tree does not say.
 */
export type ValuesSource =
  | { kind: 'values'; file: string; document?: number; prefix: YamlPath; leaves: Record<string, Located>; what: string; inline: boolean; switches?: Switches }
  | { kind: 'target'; file: string; key: string; value: Located; what: string }
  | { kind: 'unknown'; key?: string; reason: string };
// `key` is the dotted key (`image.tag`, `a.0.b`) a targetPath sets, its value as helm-controller sets it (set-value.ts).

/** The `configMapGenerator` (or `secretGenerator`) entries of the tree by name, with the kustomization that holds each. */
export type GeneratorIndex = Map<string, { layer: KustomizationLayer; gen: GeneratedConfigMap; field: 'configMapGenerator' | 'secretGenerator' }[]>;

export function generatorIndex(kustomizations: KustomizationLayer[], field: 'configMapGenerator' | 'secretGenerator' = 'configMapGenerator'): GeneratorIndex {
  const index: GeneratorIndex = new Map();
  for (const layer of kustomizations) {
    for (const gen of (field === 'configMapGenerator' ? layer.configMaps : layer.secrets) ?? []) index.set(gen.name, [...(index.get(gen.name) ?? []), { layer, gen, field }]);
  }
  return index;
}

/** What a release's `valuesFrom` is looked up in: the tree's ConfigMaps, generators and values files, and how each file is built (for namespaces). */
export interface ValuesIndex {
  configs: ConfigIndex;
  generators: GeneratorIndex;
  /** `secretGenerator` entries: a `valuesFrom` Secret the tree generates. */
  secretGenerators?: GeneratorIndex;
  leaves: Map<string, ValueLeavesLayer>;
  /** The chains that build each file, and each kustomization file's own (src/engine/effective/tree.ts). */
  chains: Map<string, Chain[]>;
  kustomizationChains: Map<string, Chain[]>;
  /** The env and targetPath files of generators, read after the scan (src/engine/generator-files.ts). */
  files?: Map<string, GeneratorFile>;
}

/** Where a ConfigMap found by name is applied: a manifest as its file is built, a generated one as its kustomization is. */
function placesOf(found: Found, index: ValuesIndex): Placed[] {
  return 'literal' in found ? placements(found.literal.namespace, index.chains.get(found.literal.file)) : placements(found.gen.namespace, index.kustomizationChains.get(found.layer.file));
}

/** The ConfigMaps of the tree an entry may name in the release's namespace; several are narrowed to those beside the release. */
function candidates(release: HelmReleaseLayer, namespace: Placed, kind: 'ConfigMap' | 'Secret', name: string, index: ValuesIndex): { found: Found[]; elsewhere: string[] } {
  // A Secret manifest's values are not read (they are most often encrypted); a secretGenerator's are, where they are plain.
  const named: Found[] = kind === 'Secret' ? [...(index.secretGenerators?.get(name) ?? [])] : [
    ...(index.configs.get(name) ?? []).filter((c) => c.objectKind === 'ConfigMap').map((literal) => ({ literal })),
    ...(index.generators.get(name) ?? []),
  ];
  const all: Found[] = [];
  const elsewhere: string[] = [];
  for (const found of named) {
    const places = placesOf(found, index);
    if (places.some((p) => sameNamespace(p.name, namespace.name))) all.push(found);
    else elsewhere.push(`${fileOf(found)} in namespace ${places.map((p) => `${p.name} (${p.by})`).join(', ')}`);
  }
  if (all.length < 2) return { found: all, elsewhere };
  // Those known to be in the release's namespace over those of no known namespace, then those beside the release.
  const exact = namespace.name === undefined ? all : all.filter((f) => placesOf(f, index).some((p) => p.name === namespace.name));
  const some = exact.length > 0 ? exact : all;
  const near = some.filter((f) => dirname(fileOf(f)) === dirname(release.file));
  return { found: near.length > 0 ? near : some, elsewhere };
}


/**
 * A HelmRelease's values layers in Flux's order: `valuesFrom` entries in turn, then `spec.values`
 * (flux helm-controller, decision 0033), for the release applied in `namespace` (decision 0048):
 * helm-controller reads a `valuesFrom` object in the release's own namespace.
 */
export function valuesSources(release: HelmReleaseLayer, namespace: Placed, index: ValuesIndex): ValuesSource[] {
  const out: ValuesSource[] = [];
  for (const entry of release.valuesFrom) {
    const said = `valuesFrom of ${release.file} line ${entry.line}`;
    // A targetPath imagepin cannot read as a key could set any key: no key, so it counts for all.
    const at = entry.targetPath ? targetKey(entry.targetPath) : undefined;
    const key = at ? { key: at } : {};
    if (entry.kind !== 'ConfigMap' && entry.kind !== 'Secret') continue; // Flux rejects any other kind: the release does not reconcile at all.
    const { found, elsewhere } = candidates(release, namespace, entry.kind, entry.name, index);
    if (entry.kind === 'Secret' && found.length === 0) {
      out.push({ kind: 'unknown', ...key, reason: `values from Secret ${entry.name} (${said}) are not in the repository; the effective image may differ` });
    } else if (found.length === 0) {
      const optional = entry.optional ? ' (optional: Flux skips it when the cluster has none)' : '';
      const where = elsewhere.length === 0 ? '' : ` in the release's namespace ${namespace.name} (${namespace.by}); the tree has it only at ${elsewhere.join('; ')}`;
      out.push({ kind: 'unknown', ...key, reason: `ConfigMap ${entry.name} (${said}) is neither a ConfigMap manifest nor a configMapGenerator entry of the tree${where}${optional}; the effective image may differ` });
    } else if (found.length > 1) {
      out.push({ kind: 'unknown', ...key, reason: `the tree has ${found.length} ${entry.kind}s named ${entry.name} (${found.map(fileOf).join(', ')}), ${said}` });
    } else {
      const source = fromConfigMap(entry, found[0]!, { leaves: index.leaves, ...(index.files && { files: index.files }) }, said);
      if (source) out.push(source);
    }
  }
  out.push({ kind: 'values', file: release.file, document: release.document, prefix: ['spec', 'values'], leaves: release.inline, what: `spec.values of ${release.file}`, inline: true, ...(release.inlineSwitches && { switches: release.inlineSwitches }) });
  return out;
}
