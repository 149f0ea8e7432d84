import { isScalar, type Node } from 'yaml';
import type { ChartMetadata } from '../../model/file-result.js';
import type { Effective, Occurrence, Provenance } from '../../model/occurrence.js';
import { parseReference } from '../../model/reference.js';
import type { YamlPath } from '../../model/position.js';
import type { DocContext } from '../types.js';
import { fromFields, fromString, pullPolicyAt, stringValue, type Field, type Scope } from './build.js';

/** Keys whose value names an image: `image`, and camelCase keys ending in `Image` (`sidecarImage`). */
export function isImageKey(key: string): boolean {
  return key === 'image' || /^[a-z][A-Za-z0-9]*Image$/.test(key);
}

/**
 * CloudNativePG's `Cluster.spec.imageName` (and the same key elsewhere) holds a whole reference.
 * Only a value that looks like one (a `/`, `:` or `@` in it) counts, since a bare word under
 * that key is as often a name as an image.
 */
export function isImageNameKey(key: string, value: string): boolean {
  return key === 'imageName' && /[/:@]/.test(value);
}

export interface ImageMapOptions {
  /** The map sits under an image key (`image:`, `kubectlImage:`), so a lone `repository` counts. */
  underImageKey: boolean;
  /** Bitnami's `global.imageRegistry`, which overrides `registry` in `{registry, repository}` maps. */
  globalRegistry?: Field;
  /** ingress-nginx's `global.image.registry`, which overrides `registry` in `{registry, image}` maps. */
  globalImageRegistry?: Field;
}

/**
 * Every way `imageMap` finds a repository reads one of these keys first (`reference`, `repository`,
 * `image`; `name`, `repo` and `registry` only beside a `tag` or `digest`), so a map without them holds none.
 */
const NEEDED = new Set(['reference', 'repository', 'image', 'tag', 'digest']);

/**
 * False only when every key of the map is a string scalar, none of them `NEEDED` and none a merge
 * key (`<<`, whose sources `get` reads): one pass over the keys where the lookups below are a pass
 * each. Any other key (an alias, a collection, a number) answers true, and the lookups decide.
 */
function mayHoldImage(ctx: DocContext, node: Node): boolean {
  const map = ctx.view.map(node);
  if (!map) return false;
  for (const { key } of map.items) if (!isScalar(key) || typeof key.value !== 'string' || key.value === '<<' || NEEDED.has(key.value)) return true;
  return false;
}

function field(ctx: DocContext, map: Node, path: YamlPath, key: string): Field | undefined {
  const node = ctx.view.get(map, key);
  return node ? { node, path: [...path, key] } : undefined;
}

/**
 * Recognises the image maps that Helm charts use, by convention rather than by chart:
 * - `{repository, tag, pullPolicy}`: the `helm create` scaffold and most charts;
 * - `{registry, repository, tag, digest}`: Bitnami, with `global.imageRegistry` overriding `registry`;
 * - `{registry, image, tag, digest}`: ingress-nginx, where `image` holds the repository and
 *   `global.image.registry` overrides `registry`;
 * - `{name, tag}` under an image key: a few operators; `{repo, tag, digest}` under one: the Kiali operator;
 * - `{registry, tag}` under an image key, where `registry` holds the whole repository (democratic-csi);
 * - `{reference, pullPolicy}` under an image key: Kubernetes image volumes and CloudNativePG
 *   extension images, one string.
 * Outside an image key, a map needs a `tag` or `registry` beside `repository` (e.g. `redis.repository`),
 * so that unrelated `repository:` settings (git URLs, chart repositories) are not mistaken for images.
 */
export function imageMap(ctx: DocContext, map: Node, path: YamlPath, scope: Scope, opts: ImageMapOptions): Occurrence | undefined {
  if (!mayHoldImage(ctx, map)) return undefined;
  const has = (key: string): boolean => ctx.view.get(map, key) !== undefined;
  const reference = ctx.view.get(map, 'reference');
  if (opts.underImageKey && reference && stringValue(ctx, reference) !== undefined) {
    const pullPolicy = pullPolicyAt(ctx, map, path, ['pullPolicy', 'imagePullPolicy']) ?? scope.pullPolicy;
    return fromString(ctx, reference, [...path, 'reference'], { ...scope, pullPolicy });
  }
  let repository = field(ctx, map, path, 'repository');
  const nginxStyle = !repository && stringValue(ctx, ctx.view.get(map, 'image')) !== undefined && (has('registry') || has('tag') || has('digest'));
  if (nginxStyle) repository = field(ctx, map, path, 'image');
  if (!repository && opts.underImageKey && has('tag')) repository = field(ctx, map, path, 'name');
  // The Kiali operator chart (and a few others) call the repository `repo`.
  if (!repository && opts.underImageKey && (has('tag') || has('digest'))) repository = field(ctx, map, path, 'repo');
  // democratic-csi and a few others: `registry` holds the whole repository and there is no other name field.
  const wholeRegistry = !repository && opts.underImageKey && has('tag') && stringValue(ctx, ctx.view.get(map, 'registry'))?.includes('/') === true;
  if (wholeRegistry) repository = field(ctx, map, path, 'registry');
  const repoText = repository && stringValue(ctx, repository.node);
  if (!repository || !repoText || repoText.includes('://')) return undefined;
  if (!opts.underImageKey && !has('tag') && !has('registry')) return undefined;

  const registryField = wholeRegistry ? undefined : field(ctx, map, path, 'registry');
  const global = registryField && (nginxStyle ? opts.globalImageRegistry : opts.globalRegistry);
  const useGlobal = global !== undefined;
  const fields = {
    registry: global ?? registryField,
    repository,
    tag: field(ctx, map, path, 'tag'),
    digest: field(ctx, map, path, 'digest'),
  };
  const notes = useGlobal ? [...(scope.notes ?? []), `registry comes from ${global.path.join('.')}`] : scope.notes;
  const pullPolicy = pullPolicyAt(ctx, map, path, ['pullPolicy', 'imagePullPolicy']) ?? scope.pullPolicy;
  const occ = fromFields(ctx, fields, path, { ...scope, notes, pullPolicy });
  if (!occ || occ.skipReason) return occ;
  if (!occ.parts.tag && !occ.parts.digest && !occ.reference?.tag) {
    occ.skipReason = 'tag-from-chart';
    const appVersion = ctx.chart?.appVersion;
    occ.skipDetail = appVersion
      ? `no tag is set, so the chart uses its appVersion ${appVersion} (Chart.yaml)`
      : "no tag is set, so the chart decides it (usually the chart's appVersion)";
    occ.effective = [effectiveFromChart(occ, ctx.chart)];
  }
  return occ;
}

/**
 * The reference a values map without a tag runs as, by the `helm create` convention
 * (`.Values.image.tag | default .Chart.AppVersion`): the chart's appVersion, when its Chart.yaml
 * is in the tree; otherwise unknown, with the reason.
 */
function effectiveFromChart(occ: Occurrence, chart: ChartMetadata | undefined): Effective {
  const appVersion = chart?.appVersion;
  if (!appVersion || !chart) return { raw: occ.raw, provenance: [], unknown: 'the chart decides the tag, and its Chart.yaml is not in the tree' };
  const raw = `${occ.raw}:${appVersion}`;
  const parsed = parseReference(raw);
  const provenance: Provenance[] = [{ kind: 'chart-app-version', file: chart.file, ...(chart.appVersionLine && { line: chart.appVersionLine }), path: 'appVersion', detail: `no tag is set, so the chart's appVersion ${appVersion} is the tag (the helm create convention)` }];
  return parsed.ok ? { reference: parsed.ref, raw, provenance } : { raw, provenance, unknown: parsed.reason };
}
