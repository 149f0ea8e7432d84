import type { ArgoHelmLayer, ConfigDataLayer, HelmReleaseLayer, KustomizationLayer, Layer, ObjectMeta, ValueLeavesLayer } from '../../model/layers.js';
import type { ChartRef, FileResult } from '../../model/file-result.js';
import type { Effective } from '../../model/occurrence.js';
import { applyChain } from './apply.js';
import { setEffective } from './appset.js';
import { elementApps } from './appset-apps.js';
import { prepareApps, valueFilesEffective } from './argo.js';
import type { ConfigIndex } from './substitute.js';
import { expand, type Expansion } from './generators.js';
import type { GitTree } from './git-files.js';
import { chainsByFile, type Chain } from './tree.js';
import { otherSource } from './source-repo.js';
import { placements } from './namespaces.js';
import { generatorIndex, valuesSources, type ValuesIndex, type ValuesSource } from './values-from.js';
import { holderIndex, valuesFromEffective } from './values-from-apply.js';
import { addValuesFrom } from './values-from-charts.js';
import { heldResults, markPatchFile, objectMetas, patchFiles, valuesPatchFiles, type HeldFiles } from './patch-files.js';
import { decidedText, occurrenceLines } from './decided.js';
import { unlistedFiles } from './unlisted.js';
import { deletedObjects } from './deleted.js';
import type { NotFollowed } from '../../model/not-followed.js';
import { restoreEnabled, type EffectiveInput } from './enabled-restore.js';
import { argoVerdicts, fluxVerdicts, readerVerdicts } from './enabled-layers.js';
import type { ValuesReadersLayer } from '../../model/switches.js';
import { patchVerdicts } from './enabled-patches.js';
import { patchHeldVerdicts } from './enabled-patch-held.js';
import { appSetVerdicts, looseApps, type SetLayer, type TreeFiles } from './enabled-appset.js';

/** The effective pass, ready to apply file by file once every file's layers are known. */
export interface EffectivePass {
  /** Adds `effective` (and what else another file decides) to one file's occurrences, in place. */
  apply(result: EffectiveInput & { formats?: FileResult['formats'] }): void;
  /** The manifests no kustomization lists (decision 0060) and the objects every kustomization building them deletes (0067), found by `apply` so far: their occurrences are removed. */
  readonly unlisted: NotFollowed[];
  /** The files an overlay (kustomization, Flux Kustomization, Application) builds, so a streamed scan can read back what its `images:` retag. */
  builtBy(file: string): readonly string[];
}

/**
 * The post-pass of extraction: joins the layers every file recorded (kustomize includes and
 * images, Flux substitutions, Argo CD value files and ApplicationSet generators) with the occurrences, and
 * adds `effective` where another file decides what runs. No file is read again (the config files of
 * git generators were read by `readGitTree`, given as `tree`); each occurrence is
 * looked at once per context that builds its file.
 */
export function addEffective(results: FileResult[], tree?: GitTree): NotFollowed[] {
  const pass = prepareEffective(results.flatMap((r) => r.layers ?? []), results.flatMap((r) => r.charts), heldResults(results), tree);
  if (pass) for (const result of results) pass.apply(result);
  return pass?.unlisted ?? [];
}

/**
 * What the pass needs of the whole tree: its layers (kept for every file), the charts (their
 * `valuesFrom` is filled here) and, for the strategic-merge patch files, their occurrences. No file's
 * own occurrences are needed to apply the pass to another file, so a streamed scan applies it as it
 * reads each file back (decision 41). Undefined when the tree has no layers.
 */
export function prepareEffective(layers: Layer[], charts: ChartRef[], held: HeldFiles, given?: GitTree): EffectivePass | undefined {
  if (layers.length === 0) return undefined;
  const tree: GitTree = given ?? { files: held.files, configs: new Map() };
  // Each ApplicationSet document's elements, once (each of its sources is a layer of its own), and the Applications they make.
  const expansions = new Map<string, Expansion>();
  const setsByFile = new Map<string, [SetLayer, Expansion][]>();
  const made: ArgoHelmLayer[] = [];
  const setSources: [SetLayer, Expansion][] = [];
  for (const layer of layers) {
    if (layer.kind !== 'argo-helm' || !layer.set) continue;
    const key = `${layer.document}\u0000${layer.file}`;
    const expansion = expansions.get(key) ?? expand(layer.set, layer.file, tree);
    if (!expansions.has(key)) setsByFile.set(layer.file, [...(setsByFile.get(layer.file) ?? []), [layer as SetLayer, expansion]]);
    expansions.set(key, expansion);
    made.push(...elementApps(layer, expansion));
    setSources.push([layer as SetLayer, expansion]);
  }
  layers.push(...made);
  const kustomizationChains = new Map<string, Chain[]>();
  const chains = chainsByFile(layers, new Set(held.files), kustomizationChains, tree.repository);
  // An Application whose source is another repository patches none of this tree's files (decision 50).
  const onTree = layers.filter((l) => !otherSource(l, tree.repository));
  const { lookup, strategicMerge } = patchFiles(onTree, held);
  const patching = { files: lookup, valueFiles: valuesPatchFiles(layers), meta: objectMetas(layers) };
  const configs: ConfigIndex = new Map();
  const leaves = new Map<string, ValueLeavesLayer>();
  const apps: ArgoHelmLayer[] = [];
  const kustomizations: KustomizationLayer[] = [];
  const releases: HelmReleaseLayer[] = [];
  const readers: ValuesReadersLayer[] = [];
  for (const layer of layers) {
    if (layer.kind === 'config-data') configs.set(layer.name, [...(configs.get(layer.name) ?? []), layer as ConfigDataLayer]);
    else if (layer.kind === 'value-leaves') leaves.set(layer.file, layer);
    else if (layer.kind === 'argo-helm') apps.push(layer);
    else if (layer.kind === 'kustomization') kustomizations.push(layer);
    else if (layer.kind === 'flux-helm-release') releases.push(layer);
    else if (layer.kind === 'values-readers') readers.push(layer);
  }
  // Flux HelmRelease valuesFrom: each release's values layers, and the files that hold them.
  // A release built into several namespaces (overlays with different targetNamespace) reads valuesFrom in each.
  const index: ValuesIndex = { configs, generators: generatorIndex(kustomizations), secretGenerators: generatorIndex(kustomizations, 'secretGenerator'), leaves, chains, kustomizationChains, ...(tree.generatorFiles && { files: tree.generatorFiles }) };
  const prepared = releases.flatMap((release) => {
    const places = placements(release.namespace, chains.get(release.file));
    return places.map((place) => ({ release, sources: valuesSources(release, place, index), ...(places.length > 1 && place.name && { namespace: place.name }) }));
  });
  const holders = holderIndex(prepared);
  const releaseSources = (file: string, document: number): ValuesSource[][] => prepared.filter((p) => p.release.file === file && p.release.document === document).map((p) => p.sources);
  const releaseMetas = new Map<string, ObjectMeta[]>();
  for (const l of layers) if (l.kind === 'object-meta') releaseMetas.set(l.file, [...(releaseMetas.get(l.file) ?? []), ...l.objects.filter((o) => o.kind === 'HelmRelease')]);
  const releasesIn = (file: string): ObjectMeta[] => releaseMetas.get(file) ?? [];
  const holds = occurrenceLines(held);
  addValuesFrom(charts, prepared);
  // ApplicationSet sources are followed through the Applications their elements make.
  const layered = prepareApps(apps.filter((a) => !a.set && (a.valueFiles.length > 0 || a.parameters.length > 0)), leaves, tree.repository);
  // Only with the tree's listing given: without it, whether every kustomization was read is not known.
  const unlistedPass = unlistedFiles(layers, held, given, strategicMerge);
  const deletedPass = deletedObjects(layers, patching.meta);
  const unlisted: NotFollowed[] = [];
  // ApplicationSet sources whose Applications imagepin cannot make one by one (decision 72), worked out when an image under `enabled: false` asks.
  let loose: { apps: ArgoHelmLayer[]; tree: TreeFiles } | undefined;
  const looseVerdicts = (item: Parameters<typeof appSetVerdicts>[0]): ReturnType<typeof appSetVerdicts> => {
    if (!loose) {
      const partial = given ? given.partial : 'the scan gave no listing of the tree';
      const files = [...new Set([...tree.files, ...leaves.keys()])].sort();
      loose = { apps: setSources.flatMap(([set, expansion]) => looseApps(set, expansion)), tree: { files, matches: new Map(), ...(partial !== undefined && { partial }) } };
    }
    return appSetVerdicts(item, loose.apps, loose.tree, leaves, tree.repository);
  };
  const apply = (result: EffectiveInput & { formats?: FileResult['formats'] }): void => {
    const notice = result.formats && unlistedPass?.notice(result.file, result.occurrences, result.formats);
    if (notice) {
      unlisted.push(notice);
      result.occurrences.length = 0;
      return;
    }
    const fileChains = chains.get(result.file) ?? [];
    // Objects every kustomization building the file deletes (`$patch: delete`) are notices, not occurrences (decision 0067).
    if (deletedPass) unlisted.push(...deletedPass.apply(result, fileChains, unlistedPass?.closed(result.file) ?? false));
    // Images under `enabled: false` that a later values layer may enable are occurrences again (decision 64), before the rest.
    restoreEnabled(result, (held) => [...argoVerdicts(held, layered, leaves), ...fluxVerdicts(held, holders), ...patchVerdicts(held, fileChains, patching), ...readerVerdicts(held, readers, leaves), ...patchHeldVerdicts(held, chains, releasesIn, releaseSources, patching), ...looseVerdicts(held)]);
    if (strategicMerge.has(result.file)) markPatchFile(result.occurrences);
    const sets = setsByFile.get(result.file) ?? [];
    if (fileChains.length === 0 && sets.length === 0 && layered.length === 0 && !holders.has(result.file)) return;
    for (const occ of result.occurrences) {
      const found: Effective[] = [];
      let decided = 0;
      for (const chain of fileChains) {
        const applied = applyChain(occ, chain, configs, patching);
        if (applied.tagDecided) decided++;
        if (applied.effective) found.push(applied.effective);
      }
      if (fileChains.length > 0 && decided === fileChains.length) occ.decidedElsewhere = decidedText(found, holds);
      for (const [set, expansion] of sets) {
        if (set.document !== occ.document) continue;
        const fromSet = setEffective(occ, set, expansion);
        found.push(...fromSet.effective);
        if (fromSet.notRun && !occ.decidedElsewhere) occ.decidedElsewhere = fromSet.notRun;
      }
      if (layered.length && occ.format === 'helm-values') found.push(...valueFilesEffective(occ, layered, leaves));
      if (holders.has(occ.file)) {
        const fromValues = valuesFromEffective(occ, holders);
        found.push(...fromValues.effective);
        if (fromValues.owner && !occ.owner) occ.owner = fromValues.owner;
        if (fromValues.decidedElsewhere && !occ.decidedElsewhere) occ.decidedElsewhere = fromValues.decidedElsewhere;
        // A chart's appVersion (the entry without a context) is not the tag when every release's values give one.
        if (fromValues.fillsTag && occ.effective) occ.effective = occ.effective.filter((e) => e.for !== undefined);
      }
      if (found.length) occ.effective = [...(occ.effective ?? []), ...found];
    }
  };
  let built: Map<string, string[]> | undefined;
  const builtBy = (file: string): readonly string[] => {
    if (!built) {
      built = new Map();
      for (const [target, list] of chains) {
        const deciders = new Set(list.flatMap((c) => [...c.kustomizations.map((k) => k.file), ...(c.flux ? [c.flux.file] : []), ...(c.argo ? [c.argo.file] : [])]));
        for (const d of deciders) built.set(d, [...(built.get(d) ?? []), target]);
      }
    }
    return built.get(file) ?? [];
  };
  return { apply, unlisted, builtBy };
}
