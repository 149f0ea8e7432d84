import type { ImageRewrite } from '../../model/layers.js';
import type { Effective, Occurrence, Provenance } from '../../model/occurrence.js';
import { formatPath } from '../../model/position.js';
import { parseReference } from '../../model/reference.js';
import { templatedReason } from '../../extractors/common/templated.js';
import { applyReplacements } from './replace.js';
import { applyPatches, type PatchFiles } from './patch.js';
import { substitute, type ConfigIndex } from './substitute.js';
import { matches, rewrite, type Chain } from './tree.js';

/** The images kustomize's images transformer rewrites: `containers[].image` and `initContainers[].image` of any object. */
function isContainerImage(occ: Occurrence): boolean {
  return occ.format === 'kubernetes' && occ.shape === 'string' && occ.path.some((key) => key === 'containers' || key === 'initContainers');
}

function describe(entry: ImageRewrite): string {
  const sets = [entry.newName && `newName ${entry.newName}`, entry.newTag && `newTag ${entry.newTag}`, entry.digest && `digest ${entry.digest}`].filter(Boolean);
  return `images entry name ${entry.name} sets ${sets.join(', ') || 'nothing'}`;
}

/** An effective reference from a string, parsed unless it is still templated or unknown. */
export function effectiveOf(raw: string, provenance: Provenance[], unknown?: string): Omit<Effective, 'for'> {
  if (unknown) return { raw, provenance, unknown };
  const templated = templatedReason(raw);
  if (templated) return { raw, provenance, unknown: templated };
  const parsed = parseReference(raw);
  return parsed.ok ? { raw, reference: parsed.ref, provenance } : { raw, provenance, unknown: parsed.reason };
}

export interface Applied {
  effective?: Effective;
  /** The chain sets the tag or digest itself, so the base's own tag does not run there. */
  tagDecided: boolean;
}

/**
 * What one chain makes of an occurrence: its kustomizations' `images:` and image `replacements:`
 * inner first (patches, then each entry in turn, as kustomize runs them), the Flux Kustomization's `spec.images`, then its post-build
 * substitution. Undefined effective when the chain runs the reference as written.
 */
export function applyChain(occ: Occurrence, chain: Chain, configs: ConfigIndex, files: PatchFiles = () => undefined): Applied {
  let raw = occ.raw;
  let tagDecided = false;
  const provenance: Provenance[] = [];
  const run = (entries: ImageRewrite[], file: string, kind: 'kustomize-images' | 'flux-images'): void => {
    for (const entry of entries) {
      if (!matches(raw, entry.name)) continue;
      raw = rewrite(raw, entry);
      if (entry.newTag || entry.digest) tagDecided = true;
      provenance.push({ kind, file, line: entry.line, path: formatPath(entry.path), detail: describe(entry) });
    }
  };
  let replacedUnknown: string | undefined;
  const patch = (layer: { patches?: Parameters<typeof applyPatches>[2]; file: string; dir?: string }, kind: 'kustomize-patch' | 'flux-patch'): void => {
    if (!layer.patches) return;
    const patched = applyPatches(raw, occ, layer.patches, layer.file, kind, files, provenance, layer.dir);
    raw = patched.raw;
    tagDecided ||= patched.tagDecided;
    replacedUnknown ??= patched.unknown;
  };
  if (isContainerImage(occ)) {
    for (const k of chain.kustomizations) {
      // kustomize runs a kustomization's patches before its images and replacements.
      patch(k, 'kustomize-patch');
      run(k.images, k.file, 'kustomize-images');
      if (!k.replacements) continue;
      const replaced = applyReplacements(raw, occ, k.replacements, k.file, provenance);
      raw = replaced.raw;
      tagDecided ||= replaced.tagDecided;
      replacedUnknown ??= replaced.unknown;
    }
    if (chain.flux) patch(chain.flux, 'flux-patch');
    if (chain.flux) run(chain.flux.images, chain.flux.file, 'flux-images');
    // Argo CD adds its patches and images to the path's kustomization, where patches run first.
    if (chain.argo) patch(chain.argo, 'kustomize-patch');
    if (chain.argo) run(chain.argo.images, chain.argo.file, 'kustomize-images');
  }
  const substituted = chain.flux ? substitute(raw, chain.flux, configs) : undefined;
  if (substituted) {
    raw = substituted.raw;
    provenance.push(...substituted.provenance);
  }
  const unknown = replacedUnknown ?? substituted?.unknown ?? (chain.root.missing && `not all of this context is in the tree: ${chain.root.missing}`);
  if (raw === occ.raw && !unknown) return { tagDecided };
  return { tagDecided, effective: { for: chain.context, ...effectiveOf(raw, provenance, unknown) } };
}
