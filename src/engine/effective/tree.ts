import { dirname, join } from 'node:path/posix';
import type { ArgoHelmLayer, FluxKustomizationLayer, ImagePatch, ImageRewrite, KustomizationLayer, Layer } from '../../model/layers.js';
import type { EffectiveContext } from '../../model/occurrence.js';
import { appContext } from './appset-apps.js';
import { isRemoteInclude } from '../../extractors/kustomize/remote.js';
import { otherSource, sourceRepo } from './source-repo.js';

/** One way a file is built: the kustomizations that include it, inner first, and the Flux Kustomization on top. */
export interface Chain {
  context: EffectiveContext;
  kustomizations: KustomizationLayer[];
  flux?: FluxKustomizationLayer;
  /** An Argo CD Application's `kustomize.patches` then `kustomize.images`, applied over its path's kustomization last (`dir` is that path). */
  argo?: { file: string; dir: string; images: ImageRewrite[]; patches?: ImagePatch[]; assumed?: boolean };
  /** Shared by every chain of one root: what the tree does not hold on the way (a remote base, a missing folder). */
  root: { missing?: string };
}

/** A path of the tree from a folder and an entry written relative to it; undefined when it leaves the tree. */
export function treePath(dir: string, entry: string): string | undefined {
  // posix `join` normalises what it joins (`a/./b/../c` is `a/c`): no second `normalize`.
  const path = join(dir, entry).replace(/\/+$/, '');
  return path.startsWith('../') || path === '..' ? undefined : path === '' ? '.' : path;
}

/**
 * Every chain that builds each file of the tree: from each root (a kustomization no other includes,
 * or a Flux Kustomization's path) down its includes. Files reached by nothing are not in the map.
 * `byKustomization`, when given, gets each kustomization file's own chains (it first, then those that include it).
 * `repository` (`owner/repo`, when known): an Application whose git source is another repository is not applied over this tree.
 */
export function chainsByFile(layers: Layer[], files: ReadonlySet<string>, byKustomization?: Map<string, Chain[]>, repository?: string): Map<string, Chain[]> {
  const kustomizations = new Map<string, KustomizationLayer>();
  for (const layer of layers) if (layer.kind === 'kustomization') kustomizations.set(dirname(layer.file), layer);
  const fluxes = layers.filter((l): l is FluxKustomizationLayer => l.kind === 'flux-kustomization');
  const included = new Set<string>();
  for (const [dir, k] of kustomizations) for (const inc of k.includes) {
    const path = treePath(dir, inc.value);
    if (path && kustomizations.has(path)) included.add(path);
  }
  // Applications (not ApplicationSets, whose paths are templated) that set kustomize.images or patches over a kustomization of the tree.
  const argoApps = layers.filter((l): l is ArgoHelmLayer & { path: string } => l.kind === 'argo-helm' && !l.set && l.path !== undefined && !otherSource(l, repository) && ((l.kustomizeImages?.length ?? 0) > 0 || (l.kustomizePatches?.length ?? 0) > 0));
  const fluxPaths = new Set([...fluxes, ...argoApps].map((f) => (f.path ? treePath('.', f.path) : undefined)).filter((p): p is string => p !== undefined));
  const dirs = new Set<string>();
  for (const file of files) for (let d = dirname(file); d !== '.' && !dirs.has(d); d = dirname(d)) dirs.add(d);
  const out = new Map<string, Chain[]>();
  const reach = (file: string, chain: Chain, into = out): void => {
    const list = into.get(file) ?? [];
    if (!list.some((c) => c.context === chain.context)) list.push(chain);
    into.set(file, list);
  };
  // A folder without a kustomization.yaml, as Flux builds it: its files, and its sub-folders' kustomizations.
  const plainFolder = (dir: string, base: Chain, seen: Set<string>): void => {
    const prefix = dir === '.' ? '' : `${dir}/`;
    for (const file of files) {
      if (!file.startsWith(prefix)) continue;
      let owner: string | undefined;
      for (let d = dirname(file); d.length >= dir.length && d !== dir; d = dirname(d)) if (kustomizations.has(d)) owner = d;
      if (owner) walk(kustomizations.get(owner)!, base, seen);
      else reach(file, base);
    }
  };
  const walk = (k: KustomizationLayer, outer: Chain, seen: Set<string>): void => {
    const dir = dirname(k.file);
    if (seen.has(dir)) return;
    seen.add(dir);
    // A component's transformers run on everything this kustomization holds, before its own (kustomize's order).
    const components = k.includes.filter((inc) => inc.path[0] === 'components').map((inc) => kustomizations.get(treePath(dir, inc.value) ?? '')).filter((c): c is KustomizationLayer => c !== undefined);
    const chain: Chain = { ...outer, kustomizations: [...components, k, ...outer.kustomizations] };
    if (byKustomization) reach(k.file, { ...outer, kustomizations: [k, ...outer.kustomizations] }, byKustomization);
    for (const inc of k.includes) {
      const path = treePath(dir, inc.value);
      const child = path === undefined ? undefined : kustomizations.get(path);
      if (child) walk(child, inc.path[0] === 'components' ? { ...chain, kustomizations: chain.kustomizations.slice(components.length) } : chain, seen);
      else if (path !== undefined && files.has(path)) reach(path, chain);
      // A base's own transformers only touch the base's resources, so a missing base cannot change these
      // files; a missing component can (its images apply to everything this kustomization holds).
      else if (inc.path[0] === 'components' && (isRemoteInclude(inc.value) || path === undefined || !dirs.has(path))) {
        chain.root.missing ??= `${k.file} line ${inc.line} uses component ${inc.value}, which is not in ${isRemoteInclude(inc.value) ? 'this tree' : 'the files read'}`;
      }
    }
  };
  for (const flux of fluxes) {
    const path = flux.path ? treePath('.', flux.path) : undefined;
    const chain: Chain = { context: { kind: 'flux-kustomization', file: flux.file, ...(flux.name && { name: flux.name }) }, kustomizations: [], flux, root: {} };
    if (path === undefined) continue;
    const root = kustomizations.get(path);
    if (root) walk(root, chain, new Set());
    else plainFolder(path, chain, new Set());
  }
  for (const app of argoApps) {
    const dir = treePath('.', app.path);
    const root = kustomizations.get(dir ?? '');
    const context = appContext(app);
    const argo = { file: app.file, dir: dir!, images: app.kustomizeImages ?? [], ...(app.kustomizePatches && { patches: app.kustomizePatches }), ...(sourceRepo(app.repoURL, repository).kind === 'assumed' && { assumed: true }) };
    if (root) walk(root, { context, kustomizations: [], argo, root: {} }, new Set());
  }
  for (const [dir, k] of kustomizations) {
    if (included.has(dir) || fluxPaths.has(dir)) continue;
    walk(k, { context: { kind: 'kustomization', file: k.file }, kustomizations: [], root: {} }, new Set());
  }
  return out;
}

/** kustomize's match: the image as written is `name`, optionally with a tag and/or digest (api/image IsImageMatched). */
export function matches(image: string, name: string): boolean {
  if (!image.startsWith(name)) return false;
  return /^(?:@sha256)?(?::[a-zA-Z0-9_.{}-]*)?$/.test(image.slice(name.length)) || /^(?::[a-zA-Z0-9_.{}-]*)?@sha256:[a-f0-9]+$/.test(image.slice(name.length));
}

/** kustomize's rewrite of a matched image: newName replaces the name; newTag and digest replace both tag and digest. */
export function rewrite(image: string, entry: ImageRewrite): string {
  const at = image.indexOf('@');
  let name = at < 0 ? image : image.slice(0, at);
  let digest = at < 0 ? '' : image.slice(at + 1);
  const colon = name.lastIndexOf(':');
  let tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : '';
  if (tag) name = name.slice(0, colon);
  if (entry.newName) name = entry.newName;
  if (entry.newTag && entry.digest) [tag, digest] = [entry.newTag, entry.digest];
  else if (entry.newTag) [tag, digest] = [entry.newTag, ''];
  else if (entry.digest) [tag, digest] = ['', entry.digest];
  return `${name}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`;
}
