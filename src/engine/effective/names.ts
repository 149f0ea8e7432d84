import type { KustomizationLayer } from '../../model/layers.js';

/**
 * What one kustomization's namespace and prefix/suffix transformers do to every object it builds
 * (kustomize runs them after its strategic-merge patches and `patches`, before its `patchesJson6902`).
 */
export interface NameChange {
  namespace?: string;
  prefix?: string;
  suffix?: string;
}

/** An object's name and namespace at one point of the build (kustomize's ResId without the kind). */
export interface ObjectId {
  name?: string;
  namespace?: string;
}

/** What a kustomization renames: its `namespace:` (Flux's `targetNamespace` instead, for the path's kustomization), `namePrefix`, `nameSuffix`. */
export function nameChangeOf(k: Pick<KustomizationLayer, 'namespace' | 'namePrefix' | 'nameSuffix'>, targetNamespace?: string): NameChange | undefined {
  const change: NameChange = {};
  const namespace = targetNamespace ?? k.namespace;
  if (namespace) change.namespace = namespace;
  if (k.namePrefix) change.prefix = k.namePrefix;
  if (k.nameSuffix) change.suffix = k.nameSuffix;
  return Object.keys(change).length > 0 ? change : undefined;
}

/**
 * Every id the object has had, the one it writes first and the current one last: kustomize keeps
 * each previous id (`StorePreviousId`) when a namespace or prefix/suffix transformer changes it.
 */
export function idsOf(written: ObjectId, changes: readonly NameChange[]): ObjectId[] {
  const ids: ObjectId[] = [written];
  let current = written;
  for (const change of changes) {
    const next: ObjectId = { ...current };
    if (change.namespace) next.namespace = change.namespace;
    if (next.name !== undefined && (change.prefix || change.suffix)) next.name = `${change.prefix ?? ''}${next.name}${change.suffix ?? ''}`;
    if (next.name !== current.name || next.namespace !== current.namespace) ids.push(next);
    current = next;
  }
  return ids;
}

/**
 * kustomize's `EffectiveNamespace`: an object of a namespaced kind that writes no namespace (or an
 * empty one) is compared as `default`. Every object a patch here can select (a workload, a
 * HelmRelease) is of a namespaced kind.
 */
export const effectiveNamespace = (namespace: string | undefined): string => (namespace === undefined || namespace === '' ? 'default' : namespace);
