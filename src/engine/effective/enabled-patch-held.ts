import { dirname } from 'node:path/posix';
import type { DisabledImage } from '../../model/file-result.js';
import type { ImagePatch, ObjectMeta } from '../../model/layers.js';
import { candidateKeys, mergedVerdict, type SwitchLayer, type Verdict } from './enabled.js';
import { patchLayers } from './enabled-patches.js';
import type { Patching } from './patch.js';
import type { Chain } from './tree.js';
import type { ValuesSource } from './values-from.js';

interface PatchHolder { file: string; dir?: string; patches?: ImagePatch[] }

const holders = (chain: Chain): PatchHolder[] => [...chain.kustomizations, ...(chain.flux ? [chain.flux] : []), ...(chain.argo ? [chain.argo] : [])];

/** The patch entry that holds the image: in its file, on its path, the last that starts at or before its line. */
function entryOf(held: DisabledImage, layer: PatchHolder): ImagePatch | undefined {
  const occ = held.occurrence;
  const line = held.notice.span?.start.line ?? 0;
  const on = (layer.patches ?? []).filter((p) => p.path.every((k, i) => occ.path[i] === k) && p.line <= line);
  return on.sort((a, b) => b.line - a.line)[0];
}

/**
 * An image that a HelmRelease patch writes under an `enabled: false` the patch also writes
 * (decision 66): for each release of the tree that the patch selects in a build, the patch's own
 * switch and every patch after it in that build (decision 64's reading), then the release's
 * `valuesFrom` entries with a `targetPath` (Flux's documentation says they win over `spec.values`).
 * No release found that the patch selects: the image is an occurrence (what it patches is not known).
 */
export function patchHeldVerdicts(held: DisabledImage, chains: Map<string, Chain[]>, releasesIn: (file: string) => ObjectMeta[], sources: (file: string, document: number) => ValuesSource[][], patching: Patching): Verdict[] {
  if (!held.inPatch) return [];
  const occ = held.occurrence;
  const keys = candidateKeys(held);
  const out: Verdict[] = [];
  for (const [file, fileChains] of chains) {
    for (const meta of releasesIn(file)) for (const chain of fileChains) {
      const list = holders(chain);
      const at = list.findIndex((l) => l.file === occ.file && entryOf(held, l));
      if (at < 0) continue;
      const own = entryOf(held, list[at]!)!;
      const layers: SwitchLayer[] = [];
      let after = false;
      for (const layer of list.slice(at)) {
        for (const patch of layer.patches ?? []) {
          if (patch === own) after = true;
          if (!after) continue;
          const found = patchLayers(patch, layer.dir ?? dirname(layer.file), layer.file, chain, meta, keys, patching);
          if (patch === own && found.length === 0) after = false;
          layers.push(...found);
        }
        if (!after) break;
      }
      if (!after) continue;
      for (const list of sources(file, meta.document)) {
        for (const s of list) if (s.kind === 'target' || (s.kind === 'unknown' && s.key !== undefined)) layers.push({ kind: 'unknown', key: s.key!, reason: `${s.kind === 'target' ? s.what : s.reason}: Flux's documentation says a targetPath wins over spec.values` });
      }
      out.push(mergedVerdict(layers, keys));
    }
  }
  return out.length ? out : [{ off: false, why: `imagepin did not find, in the tree, the HelmRelease the patch at ${occ.file} sets it in` }];
}
