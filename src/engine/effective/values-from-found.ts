import { dirname } from 'node:path';
import type { ConfigDataLayer, GeneratedConfigMap, KustomizationLayer, Located, ValueLeavesLayer, ValuesFromEntry } from '../../model/layers.js';
import type { GeneratorFile } from '../generator-files.js';
import { parseEnvFile } from './env-file.js';
import { targetKey, targetValue } from './set-value.js';
import { treePath } from './tree.js';
import type { ValuesSource } from './values-from.js';

/** A ConfigMap of the tree by the name a `valuesFrom` entry gives: a manifest, or a kustomization's generator entry. */
export type Found = { literal: ConfigDataLayer } | { layer: KustomizationLayer; gen: GeneratedConfigMap; field: 'configMapGenerator' | 'secretGenerator' };

export const fileOf = (found: Found): string => ('literal' in found ? found.literal.file : found.layer.file);

/** What the generator files of a tree say: values files' leaves, and the env and targetPath files read after the scan. */
export interface FileLookup {
  leaves: Map<string, ValueLeavesLayer>;
  files?: Map<string, GeneratorFile>;
}

/** One key of a generator: where its value is written, and what kind of source it is. */
type GenKey = { from: 'literal' | 'env'; file: string; value: Located } | { from: 'file'; entry: Located } | { unknown: string };

/** A generator's key as kustomize builds it: from `literals:`, `files:` or an env file; a key in two of them fails the build. */
function generatorKey({ layer, gen, field }: Extract<Found, { gen: unknown }>, key: string, files: FileLookup['files']): GenKey | undefined {
  const found: GenKey[] = [];
  if (gen.literals[key]) found.push({ from: 'literal', file: layer.file, value: gen.literals[key]! });
  if (gen.files[key]) found.push({ from: 'file', entry: gen.files[key]! });
  for (const env of gen.envs ?? []) {
    const path = treePath(dirname(layer.file), env.value);
    const read = path === undefined ? undefined : files?.get(path);
    const parsed = read && 'text' in read ? parseEnvFile(read.text) : undefined;
    if (!parsed || 'error' in parsed) {
      const why = !read ? 'is not a file imagepin read' : 'error' in read ? `could not be read: ${read.error}` : `is not an env file kustomize builds (${(parsed as { error: string }).error})`;
      return { unknown: `the env file ${env.value} of ${field} ${gen.name} (${layer.file} line ${env.line}) ${why}` };
    }
    if (parsed.fromEnvironment.has(key)) return { unknown: `${env.value} (${layer.file} line ${env.line}) names ${key} without a value: kustomize takes it from the environment it runs in` };
    if (parsed.keys[key]) found.push({ from: 'env', file: path!, value: parsed.keys[key]! });
  }
  if (found.length > 1) return { unknown: `${field} ${gen.name} (${layer.file} line ${gen.line}) has the key ${key} twice, so kustomize fails to build it` };
  return found[0];
}

/** A targetPath entry's single value, as helm-controller sets it (src/engine/effective/set-value.ts). */
function target(entry: ValuesFromEntry & { targetPath: string }, file: string, value: Located, what: string): ValuesSource {
  const key = targetKey(entry.targetPath);
  if (key === undefined) return { kind: 'unknown', reason: `${what}: imagepin does not read the targetPath ${entry.targetPath} as a key (an escaped dot or an empty part)` };
  if (value.value.includes('ENC[')) return { kind: 'unknown', key, reason: `${what} is SOPS-encrypted (ENC[...]): Flux decrypts it, imagepin does not` };
  const set = targetValue(value.value, entry.literal === true);
  if ('unknown' in set) return { kind: 'unknown', key, reason: `${what} sets ${key} to ${JSON.stringify(value.value.slice(0, 80))}, but ${set.unknown}` };
  return { kind: 'target', file, key, value: { ...value, value: set.value }, what };
}

/** Where the entry's value (or values) is, in one ConfigMap found; undefined when an optional entry's key is missing (Flux skips it). */
export function fromConfigMap(entry: ValuesFromEntry, found: Found, lookup: FileLookup, said: string): ValuesSource | undefined {
  const key = entry.valuesKey;
  const what = `${entry.kind} ${entry.name} key ${key} (${said})`;
  const at = entry.targetPath ? targetKey(entry.targetPath) : undefined;
  const missing = (where: string): ValuesSource | undefined => entry.optional ? undefined : { kind: 'unknown', ...(at && { key: at }), reason: `${where} has no key ${key}: Flux fails to reconcile the release (${said})` };
  const targeted = entry.targetPath ? { ...entry, targetPath: entry.targetPath } : undefined;
  if ('literal' in found) {
    const { literal } = found;
    if (!(key in literal.data)) return missing(`ConfigMap ${entry.name} (${literal.file})`);
    if (targeted) return target(targeted, literal.file, literal.data[key]!, what);
    const tree = literal.values?.[key];
    const switches = literal.valueSwitches?.[key];
    if (tree) return { kind: 'values', file: literal.file, document: literal.document ?? 0, prefix: ['data', key], leaves: tree, what, inline: false, ...(switches && { switches }) };
    return { kind: 'unknown', reason: `${what} is not named like a values file, so imagepin did not read it as values (${literal.file})` };
  }
  const { layer, gen, field } = found;
  const hash = gen.unhashed || gen.configurations ? '' : `; kustomize adds a hash suffix to this generated name and ${layer.file} has no configurations: that could rewrite the reference, so Flux may not find it`;
  const got = generatorKey(found, key, lookup.files);
  if (!got) return missing(`${field} ${gen.name} (${layer.file} line ${gen.line})`);
  if ('unknown' in got) return { kind: 'unknown', ...(at && { key: at }), reason: `${what}: ${got.unknown}` };
  if (got.from !== 'file') {
    const kind = got.from === 'env' ? `a line of the env file ${got.file}` : `a ${field} literal of ${layer.file}`;
    if (targeted) return target(targeted, got.file, got.value, `${what}, ${kind}${hash}`);
    return { kind: 'unknown', reason: `${what} is ${kind} (line ${got.value.line}), which imagepin does not read as values` };
  }
  const path = treePath(dirname(layer.file), got.entry.value);
  if (targeted) {
    const read = path === undefined ? undefined : lookup.files?.get(path);
    if (read && 'text' in read) return target(targeted, path!, { value: read.text, line: 1, path: [] }, `${what}, the file ${path} of ${field} ${gen.name} in ${layer.file}${hash}`);
    const why = read ? `could not be read: ${read.error}` : 'is not in the files imagepin read';
    return { kind: 'unknown', ...(at && { key: at }), reason: `${what} is the file ${got.entry.value} (${layer.file} line ${got.entry.line}), which ${why}` };
  }
  if (field === 'secretGenerator') return { kind: 'unknown', reason: `${what} is the file ${got.entry.value} of a secretGenerator (${layer.file} line ${got.entry.line}), which may be SOPS-encrypted: imagepin does not read it as values` };
  const read = path === undefined ? undefined : lookup.leaves.get(path);
  if (!read) return { kind: 'unknown', reason: `${what} is the file ${got.entry.value} (${layer.file} line ${got.entry.line}), which is not among the files imagepin read as a values file` };
  return { kind: 'values', file: read.file, prefix: [], leaves: read.leaves, what: `${what}, the file ${read.file} of ${field} ${gen.name} in ${layer.file}${hash}`, inline: false, ...(read.switches && { switches: read.switches }) };
}
