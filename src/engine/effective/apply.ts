import { dirname } from 'node:path/posix';
import type { ImagePatch, ImageRewrite, KustomizationLayer } from '../../model/layers.js';
import type { Effective, Occurrence, Provenance } from '../../model/occurrence.js';
import { formatPath } from '../../model/position.js';
import { parseReference } from '../../model/reference.js';
import { templatedReason } from '../../extractors/common/templated.js';
import { applyReplacements } from './replace.js';
import { ASSUMED } from './source-repo.js';
import { joinParts } from './argo.js';
import { applyPatches, NO_PATCHING, type Patching } from './patch.js';
import { applyValuesPatches, isReleaseValues, releaseParts } from './values-patch.js';
import { factsOf, withAdds, withWrites, type ObjectFacts, type PatchedObject } from './target.js';
import { nameChangeOf, type NameChange } from './names.js';
import { substitute, type ConfigIndex } from './substitute.js';
import { matches, rewrite, treePath, type Chain } from './tree.js';

/**
 * An occurrence inside a container of a manifest: its image, or an image it is given in env or
 * args (decision 0053), which patches and replacements can write at their path. Not a pod spec
 * written as a ConfigMap's `data` or a Secret's `stringData` string, also in a List item
 * (decisions 0059, 0066): kustomize sees a string there.
 */
function isContainerImage(occ: Occurrence): boolean {
  return occ.format === 'kubernetes' && occ.shape === 'string' && !occ.path.some((key) => key === 'data' || key === 'stringData') && occ.path.some((key) => key === 'containers' || key === 'initContainers');
}

/** The images kustomize's images transformer rewrites: the `image` field of `containers[]` and `initContainers[]`, never an env value or an argument. */
const isImageField = (occ: Occurrence): boolean => isContainerImage(occ) && occ.path.at(-1) === 'image';

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
export function applyChain(occ: Occurrence, chain: Chain, configs: ConfigIndex, patching: Patching = NO_PATCHING): Applied {
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
  const container = isContainerImage(occ);
  const imageField = isImageField(occ);
  const patched = chain.kustomizations.some((k) => k.patches) || chain.flux?.patches !== undefined || chain.argo?.patches !== undefined;
  const meta = patched && (container || occ.format === 'flux') ? patching.meta(occ) : undefined;
  // A HelmRelease's values: the patches write its parts, joined again after the last.
  const release = meta && isReleaseValues(occ, meta) ? { meta, ...releaseParts(occ), changed: false } : undefined;
  // The object's labels and annotations as each patch sees them: a kustomization adds its own (and renames) after its
  // strategic-merge patches and `patches`, before its `patchesJson6902`; what a selecting patch writes there is seen by those after it.
  const patch = (layer: { patches?: ImagePatch[]; file: string; dir?: string }, kind: 'kustomize-patch' | 'flux-patch', seen: ObjectFacts, adds?: KustomizationLayer['adds'], rename?: NameChange): { before: ObjectFacts; after: ObjectFacts } => {
    if (!layer.patches) return { before: seen, after: withAdds(seen, adds, rename) };
    let current = seen;
    const group = (patches: ImagePatch[]): void => {
      if (patches.length === 0) return;
      const run = { kind, files: patching.files, provenance, facts: () => current, wrote: (p: ImagePatch, object: PatchedObject) => { current = withWrites(current, p, object, layer.file); }, ...(layer.dir !== undefined && { dir: layer.dir }) };
      const patched = release
        ? applyValuesPatches(release.values, release.keys, occ, release.meta, patches, layer.file, { ...run, valueFiles: patching.valueFiles })
        : applyPatches(raw, occ, patches, layer.file, run);
      if ('raw' in patched) raw = patched.raw;
      else release!.changed ||= patched.changed;
      tagDecided ||= patched.tagDecided;
      replacedUnknown ??= patched.unknown;
    };
    const late = (p: ImagePatch): boolean => p.field === 'patchesJson6902' || p.field === 'spec.patchesJson6902';
    group(layer.patches.filter((p) => !late(p)));
    const before = current;
    current = withAdds(current, adds, rename);
    group(layer.patches.filter(late));
    return { before, after: current };
  };
  if (container || release) {
    let facts = factsOf(meta);
    // Flux and Argo CD add their patches to the path's kustomization (the last, when there is one): they see the labels before it adds its own.
    let beforeRoot = facts;
    // Flux writes its targetNamespace as the namespace: of the path's kustomization (or of the one it generates for a plain folder).
    const last = chain.kustomizations.at(-1);
    const path = chain.argo?.dir ?? (chain.flux?.path === undefined ? undefined : treePath('.', chain.flux.path));
    const atPath = last !== undefined && dirname(last.file) === path;
    const renameOf = (k: KustomizationLayer): NameChange | undefined => nameChangeOf(k, k === last && atPath ? chain.flux?.targetNamespace : undefined);
    for (const k of chain.kustomizations) {
      // kustomize runs a kustomization's patches before its images and replacements (which rewrite containers only),
      // and before its namespace, prefix/suffix, labels and annotations transformers.
      const seen = patch(k, 'kustomize-patch', facts, k.adds, renameOf(k));
      beforeRoot = seen.before;
      facts = seen.after;
      if (!container) continue;
      if (imageField) run(k.images, k.file, 'kustomize-images');
      if (!k.replacements) continue;
      const replaced = applyReplacements(raw, occ, k.replacements, k.file, provenance);
      raw = replaced.raw;
      tagDecided ||= replaced.tagDecided;
      replacedUnknown ??= replaced.unknown;
    }
    // Flux builds a folder without a kustomization.yaml through one it generates, which adds no labels.
    const [seen, root, rootRename] = atPath ? [beforeRoot, last.adds, renameOf(last)] : [facts, undefined, chain.flux?.targetNamespace ? { namespace: chain.flux.targetNamespace } : undefined];
    if (chain.flux) patch(chain.flux, 'flux-patch', seen, root, rootRename);
    if (chain.flux && imageField) run(chain.flux.images, chain.flux.file, 'flux-images');
    // Argo CD adds its patches and images to the path's kustomization, where patches run first.
    const argoFrom = provenance.length;
    if (chain.argo) patch(chain.argo, 'kustomize-patch', seen, root, rootRename);
    if (chain.argo && imageField) run(chain.argo.images, chain.argo.file, 'kustomize-images');
    // Where the tree's repository is not known, what the Application applies over this tree's folder is said to be assumed.
    if (chain.argo?.assumed) for (const p of provenance.slice(argoFrom)) p.detail = `${p.detail} ${ASSUMED}`;
    if (release?.changed) raw = joinParts(release.values);
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
