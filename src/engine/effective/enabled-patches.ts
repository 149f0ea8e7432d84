import { dirname } from 'node:path/posix';
import type { DisabledImage } from '../../model/file-result.js';
import type { ImagePatch, ObjectMeta } from '../../model/layers.js';
import { candidateKeys, mergedVerdict, type SwitchLayer, type Verdict } from './enabled.js';
import type { Patching } from './patch.js';
import { factsOf, selects } from './target.js';
import { treePath, type Chain } from './tree.js';

const under = (key: string, cleared: string): boolean => cleared === '' || key === cleared || key.startsWith(`${cleared}.`);

/** Whether the chain renames objects or writes their namespace: what a patch's target sees then is not followed here. */
function renames(chain: Chain): boolean {
  return chain.kustomizations.some((k) => k.namePrefix || k.nameSuffix || k.namespace) || chain.flux?.targetNamespace !== undefined;
}

/**
 * The switch layers one patch of a HelmRelease adds over its `spec.values` (decision 64): the
 * `enabled` keys it writes, and the keys it replaces or removes without writing (the chart's
 * default decides them: not known). A patch whose target imagepin cannot be sure leaves the release
 * alone (labels, renames) counts as one that may write them.
 */
export function patchLayers(patch: ImagePatch, dir: string, file: string, chain: Chain, meta: ObjectMeta, keys: string[], patching: Patching): SwitchLayer[] {
  const path = patch.file === undefined ? undefined : treePath(dir, patch.file);
  const written = patch.file === undefined ? patch.values : path === undefined ? undefined : patching.valueFiles(path);
  if (!written) return [];
  const at = `${file} line ${patch.line}`;
  const release = { kind: 'HelmRelease', ...(meta.name && { name: meta.name }), ...(meta.namespace && { namespace: meta.namespace }) };
  const selected = (): boolean | string => {
    const found = selects(patch.target, written, release, factsOf(meta));
    if (found !== false) return found;
    return patch.target?.labelSelector || patch.target?.annotationSelector || renames(chain) ? 'the build renames objects or selects by labels, which imagepin does not follow for `enabled` keys' : false;
  };
  if ('unread' in written) {
    const why = selected();
    return why === false ? [] : [{ kind: 'unknown', reason: `${at}: ${typeof why === 'string' ? why : written.unread}` }];
  }
  const switched = keys.filter((k) => written.switches?.[k]);
  const cleared = keys.filter((k) => !written.switches?.[k] && written.cleared.some((c) => under(k, c.key)));
  if (switched.length === 0 && cleared.length === 0) return [];
  const why = selected();
  if (why === false) return [];
  if (typeof why === 'string') return [{ kind: 'unknown', reason: `${at}: ${why}` }];
  const out: SwitchLayer[] = [];
  if (switched.length) out.push({ kind: 'known', switches: Object.fromEntries(switched.map((k) => [k, written.switches![k]!])), what: `${written.file} (a patch of HelmRelease${meta.name ? ` ${meta.name}` : ''}, ${at})` });
  for (const key of cleared) out.push({ kind: 'unknown', key, reason: `${at}: the patch replaces or removes values over ${key} without writing it, so the chart's default decides it` });
  return out;
}

/**
 * Kustomize, Flux and Argo CD patches of a HelmRelease whose `spec.values` hold a disabled image
 * (decision 64): one verdict per build of the file whose patches write an `enabled` key above the
 * image; a build whose patches write none leaves the release's own `enabled: false`.
 */
export function patchVerdicts(held: DisabledImage, chains: readonly Chain[], patching: Patching): Verdict[] {
  const occ = held.occurrence;
  const meta = patching.meta(occ);
  if (occ.format !== 'flux' || meta?.kind !== 'HelmRelease' || occ.path[0] !== 'spec' || occ.path[1] !== 'values') return [];
  const keys = candidateKeys(held);
  const own: SwitchLayer = { kind: 'known', switches: { [held.key]: { off: true, value: 'false', line: held.notice.span?.start.line ?? 0, path: [] } }, what: occ.file };
  const out: Verdict[] = [];
  for (const chain of chains) {
    const layers: SwitchLayer[] = [];
    const run = (layer: { patches?: ImagePatch[]; file: string; dir?: string }): void => {
      for (const patch of layer.patches ?? []) layers.push(...patchLayers(patch, layer.dir ?? dirname(layer.file), layer.file, chain, meta, keys, patching));
    };
    for (const k of chain.kustomizations) run(k);
    if (chain.flux) run(chain.flux);
    if (chain.argo) run(chain.argo);
    if (layers.length > 0) out.push(mergedVerdict([own, ...layers], keys));
  }
  return out;
}
