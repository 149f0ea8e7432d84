import type { Node } from 'yaml';
import { embeddedPodSpecImages, mayHoldPodSpec } from '../common/embedded-pod-spec.js';
import { namedValueImages, namesAnImage } from '../common/env-images.js';
import type { YamlPath } from '../../model/position.js';
import type { DocContext, Sink } from '../types.js';
import { workloadOf } from './pod-spec.js';

/** The `data` entries of a v1 ConfigMap (none for any other kind). */
function dataEntries(ctx: DocContext): [string, Node | null | undefined, boolean][] {
  if (ctx.apiVersion !== 'v1' || ctx.kind !== 'ConfigMap') return [];
  return [...ctx.view.entries(ctx.view.get(ctx.view.doc.contents, 'data'))];
}

/**
 * The `data` keys of a v1 ConfigMap named as image variables are (`ROOK_CSI_CEPH_IMAGE`,
 * `POSTGRES_IMAGE_NAME`, see env-images.ts): an operator's settings (rook-ceph's
 * `rook-ceph-operator-config`, CloudNativePG's `cnpg-controller-manager-config`), or env of a
 * workload that reads the ConfigMap through `envFrom`, where the same names mean the same thing.
 */
function imageKeys(ctx: DocContext): string[] {
  return dataEntries(ctx).map(([key]) => key).filter(namesAnImage);
}

export const isImageConfigMap = (ctx: DocContext): boolean => imageKeys(ctx).length > 0;

/** The images of an image ConfigMap's `data`, each at its characters, with a note naming the key. */
export function extractConfigMap(ctx: DocContext, sink: Sink): void {
  const data = ctx.view.get(ctx.view.doc.contents, 'data');
  const scope = { format: 'kubernetes' as const, workload: workloadOf(ctx) };
  for (const key of imageKeys(ctx)) {
    const node = ctx.view.get(data, key);
    const note = `an image named in ConfigMap data (${key}): an operator reads it as a setting, or a workload's envFrom makes it an env variable`;
    if (node) sink.occurrences.push(...namedValueImages(ctx, key, node, ['data', key], scope, note));
  }
}

/** Where a v1 object keeps strings a program may read as files: a ConfigMap's `data`, a Secret's `stringData` (its `data` is base64). */
const STRING_FIELDS: Record<string, string> = { ConfigMap: 'data', Secret: 'stringData' };

/** A v1 ConfigMap or Secret at `base` (the document, or an item of a `kind: List`): its kind and the path of its string entries. */
interface StringHolder {
  kind: string;
  name?: string;
  path: YamlPath;
}

function holderAt(ctx: DocContext, base: YamlPath): StringHolder | undefined {
  const node = ctx.view.at(ctx.view.doc.contents, base);
  const kind = ctx.view.str(node, 'kind');
  const field = kind ? STRING_FIELDS[kind] : undefined;
  if (!kind || !field || ctx.view.str(node, 'apiVersion') !== 'v1') return undefined;
  const name = ctx.view.str(node, 'metadata', 'name');
  return { kind, ...(name && { name }), path: [...base, field] };
}

/** The ConfigMaps and Secrets of a document whose strings may be pod specs: itself, or each item of a `kind: List` (decision 66). */
function podSpecHolders(ctx: DocContext): { holder: StringHolder; keys: string[] }[] {
  const bases: YamlPath[] = ctx.kind === 'List' ? [...ctx.view.items(ctx.view.get(ctx.view.doc.contents, 'items'))].map(([index]) => ['items', index]) : [[]];
  const out: { holder: StringHolder; keys: string[] }[] = [];
  for (const base of bases) {
    const holder = holderAt(ctx, base);
    if (!holder) continue;
    const entries = [...ctx.view.entries(ctx.view.at(ctx.view.doc.contents, holder.path))];
    const keys = entries.filter(([, value]) => mayHoldPodSpec(value)).map(([key]) => key);
    if (keys.length) out.push({ holder, keys });
  }
  return out;
}

export const hasPodSpecStrings = (ctx: DocContext): boolean => podSpecHolders(ctx).length > 0;

/**
 * The images of pod specs written as strings of a ConfigMap's `data` or a Secret's `stringData`
 * (decisions 59, 66), also as items of a List, at their lines inside the string.
 */
export function extractPodSpecStrings(ctx: DocContext, sink: Sink): void {
  for (const { holder, keys } of podSpecHolders(ctx)) {
    const strings = ctx.view.at(ctx.view.doc.contents, holder.path);
    for (const key of keys) {
      const found = embeddedPodSpecImages(ctx, ctx.view.get(strings, key), [...holder.path, key], { format: 'kubernetes' });
      for (const occ of found) occ.notes = [...(occ.notes ?? []), `held in ${holder.kind} ${holder.name ?? '(unnamed)'}`];
      sink.occurrences.push(...found);
    }
  }
}
