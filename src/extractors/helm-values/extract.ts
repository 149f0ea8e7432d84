import { isAlias, isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Occurrence } from '../../model/occurrence.js';
import type { YamlPath } from '../../model/position.js';
import { fromFields, fromString, pullPolicyAt, stringValue, type Field, type Scope } from '../common/build.js';
import { argImages } from '../common/arg-images.js';
import { envImages, namedValueImages, namesAnImage } from '../common/env-images.js';
import { imageMap, isImageKey, isImageNameKey } from '../common/image-map.js';
import { harborHosts } from '../registry-hosts/index.js';
import { disabledAt, disabledNotice } from './disabled.js';
import { embeddedPodSpecImages } from '../common/embedded-pod-spec.js';
import type { DocContext, Sink } from '../types.js';
import { AliasUses } from './alias-uses.js';

/** A string under an image key that does not parse is reported only where it looks like an attempt at one. */
function worthReporting(key: string, occ: Occurrence): boolean {
  return occ.skipReason !== 'invalid-reference' || (key === 'image' && !/\s/.test(occ.raw));
}

/**
 * Lists of container arguments in values: a container written in the values (`args`, `command`),
 * and the `extraArgs` list charts append to their own container's arguments (cert-manager,
 * kube-prometheus-stack's operator, argo-workflows' controller). A map `extraArgs` is rendered
 * differently by each chart and is not read.
 */
const ARG_LISTS = new Set(['args', 'extraArgs', 'command']);

/** Keys named as image variables (`POSTGRES_IMAGE_NAME`, `FOO_IMAGE`): a map of env or operator settings, as CloudNativePG's chart writes `config.data`. */
const keyNote = (key: string): string => `an image under a key named as an image variable (${key}), as charts pass such keys to operators as settings or env`;

/** app-template's `configMaps.<name>.data`: the strings a release mounts (a runner's job pod specs among them). */
const inConfigMapData = (path: YamlPath): boolean => path.length >= 3 && path[path.length - 1] === 'data' && path[path.length - 3] === 'configMaps';

const PAIR = /^(.*[iI]mage)(Repository|Registry|Tag|Digest)$/;

/** Whether a string names a repository only: no tag after its last `/`, no digest. */
function untagged(text: string): boolean {
  return !text.includes('@') && !text.slice(text.lastIndexOf('/') + 1).includes(':');
}

/**
 * Image fields written side by side with a common prefix instead of under an image map:
 * `imageRepository` + `imageTag` (and `imageRegistry`, `imageDigest`), `sidecarImageRepository` +
 * `sidecarImageTag`. A repository with a tag or registry beside it counts. The prefix itself may be
 * the repository: `image: repo` + `imageTag: 1.0` (the Elastic and Atlantis charts, older `stable/`
 * charts), when the `image` string has no tag or digest of its own. Returns the keys used.
 */
function prefixedPairs(ctx: DocContext, map: YAMLMap<unknown, unknown>, path: YamlPath, scope: Scope, out: Occurrence[]): Set<string> | undefined {
  // Most maps have no such key: no Map and no Set for them, and one loop over the items (no generator).
  let groups: Map<string, Partial<Record<'repository' | 'registry' | 'tag' | 'digest', Field>>> | undefined;
  for (const pair of map.items) {
    const key = ctx.view.entryKey(pair);
    const match = key === undefined ? null : PAIR.exec(key);
    if (!match) continue;
    const value = ctx.view.deref(pair.value);
    if (!value || ctx.view.string(value) === undefined) continue;
    groups ??= new Map();
    const group = groups.get(match[1]!) ?? {};
    group[match[2]!.toLowerCase() as 'repository'] = { node: value, path: [...path, key!] };
    groups.set(match[1]!, group);
  }
  if (groups === undefined) return undefined;
  const used = new Set<string>();
  for (const [prefix, fields] of groups) {
    const bare = ctx.view.get(map, prefix);
    const bareText = bare ? ctx.view.string(bare) : undefined;
    const asRepository = !fields.repository && !fields.registry && (fields.tag || fields.digest) && bare && bareText !== undefined && untagged(bareText);
    if (asRepository) fields.repository = { node: bare, path: [...path, prefix] };
    if (!fields.repository || (!fields.tag && !fields.registry && !asRepository)) continue;
    const pullPolicy = pullPolicyAt(ctx, map, path, [`${prefix}PullPolicy`, 'imagePullPolicy', 'pullPolicy']) ?? scope.pullPolicy;
    const occ = fromFields(ctx, fields, [...path, asRepository ? prefix : `${prefix}Repository`], { ...scope, pullPolicy });
    if (!occ) continue;
    out.push(occ);
    for (const kind of ['Repository', 'Registry', 'Tag', 'Digest']) used.add(`${prefix}${kind}`);
    if (asRepository) used.add(prefix);
  }
  return used;
}

export interface ValuesOptions {
  /**
   * Helm values proper (values files, a HelmRelease's, an Application's, helmfile's and kustomize
   * helmCharts' values): an image under `enabled: false` is a notice in `sink.notFollowed`, not an
   * occurrence (decision 0059). Off for operator CRs and Talos configs, whose trees are read with
   * the same conventions but are not chart values, and for patches, whose caller keeps occurrences only.
   */
  disabledAsNotices?: boolean;
}

/**
 * Finds every image in a tree of Helm values: image maps (see `imageMap`), and strings under image
 * keys (`image: "repo:tag"`, `kubectlImage: ...`, extra containers), and env entries that name an
 * image (`{name: RELATED_IMAGE_x, value: ...}`, see `envImages`), and image flags in argument lists
 * (`extraArgs: [--acme-http01-solver-image=...]`, see `argImages`). Used for values files and for
 * values embedded in HelmReleases, Argo CD Applications, kustomize helmCharts and helmfile releases.
 * Aliased collections are not descended into: their anchors are walked where they are written.
 */
export function extractValues(ctx: DocContext, root: Node | null | undefined, basePath: YamlPath, scope: Scope, sink: Sink, options: ValuesOptions = {}): void {
  harborHosts(ctx, root, sink);
  const globalField = (...keys: string[]): Field | undefined => {
    const node = ctx.view.at(root, ['global', ...keys]);
    return node && stringValue(ctx, node) ? { node, path: [...basePath, 'global', ...keys] } : undefined;
  };
  const globalRegistry = globalField('imageRegistry');
  const globalImageRegistry = globalField('image', 'registry');
  const aliases = new AliasUses(ctx);
  const first = sink.occurrences.length;

  const walk = (node: unknown, path: YamlPath, underImageKey: boolean, out: Occurrence[]): void => {
    const map = ctx.view.map(node);
    if (map) {
      // Under a block that says `enabled: false`, images are notices, not occurrences (decision 59).
      const disabled = options.disabledAsNotices && out === sink.occurrences ? disabledAt(ctx, map, path) : undefined;
      if (disabled) {
        const held: Occurrence[] = [];
        walk(map, path, underImageKey, held);
        for (const occ of held) {
          const notice = disabledNotice(occ, disabled);
          if (!notice) continue;
          (sink.notFollowed ??= []).push(notice);
          // Kept for the values layers of the releases that read this file (decision 64).
          (sink.disabledImages ??= []).push({ occurrence: occ, notice, prefix: basePath.length, key: disabled.slice(basePath.length).join('.') });
        }
        return;
      }
      aliases.walked(map, path);
      const occ = imageMap(ctx, map, path, scope, { underImageKey, globalRegistry, globalImageRegistry });
      if (occ) {
        out.push(occ);
        return;
      }
      const fromEnv = envImages(ctx, map, path, scope);
      if (fromEnv.length) {
        out.push(...fromEnv);
        return;
      }
      const paired = prefixedPairs(ctx, map, path, scope, out);
      // The entries of `ctx.view.entries(map)`, read in one loop (no generator, result or tuple per entry).
      for (const pair of map.items) {
        const key = ctx.view.entryKey(pair);
        if (key === undefined) continue;
        const value = ctx.view.deref(pair.value);
        const aliased = isAlias(pair.value);
        // What an alias or merge key takes is found where its anchor is written, and noted there.
        const merged = key === '<<' && (aliased || isSeq(value));
        if (merged && value) aliases.merge(map, value, path);
        if (merged || (aliased && !isScalar(value)) || paired?.has(key)) {
          if (aliased && !merged && value) aliases.alias(value, [...path, key]);
          continue;
        }
        const text = value ? stringValue(ctx, value) : undefined;
        if (value && text !== undefined && namesAnImage(key)) {
          out.push(...namedValueImages(ctx, key, value, [...path, key], scope, keyNote(key)));
          continue;
        }
        if (value && text !== undefined && (isImageKey(key) || isImageNameKey(key, text))) {
          const pullPolicy = pullPolicyAt(ctx, map, path, ['imagePullPolicy', 'pullPolicy']) ?? scope.pullPolicy;
          const found = fromString(ctx, value, [...path, key], { ...scope, pullPolicy });
          if (found && worthReporting(key, found)) out.push(found);
          continue;
        }
        if (ARG_LISTS.has(key) && ctx.view.seq(value)) out.push(...argImages(ctx, value, [...path, key], scope));
        if (text !== undefined && inConfigMapData(path)) out.push(...embeddedPodSpecImages(ctx, value, [...path, key], scope));
        // Only a map or a sequence has anything to walk (a scalar or nothing would find nothing).
        if (isMap(value) || isSeq(value)) walk(value, [...path, key], isImageKey(key), out);
      }
      return;
    }
    const seq = ctx.view.seq(node);
    if (seq) aliases.walked(seq, path);
    const items = seq?.items ?? [];
    for (let index = 0; index < items.length; index++) {
      const item = ctx.view.deref(items[index]);
      const aliased = isAlias(items[index]);
      if (!aliased && (isMap(item) || isSeq(item))) walk(item, [...path, index], false, out);
      else if (aliased && item) aliases.alias(item, [...path, index]);
    }
  };
  walk(root, basePath, false, sink.occurrences);
  aliases.note(sink.occurrences.slice(first));
}
