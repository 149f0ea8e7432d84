import type { Node } from 'yaml';
import { embeddedPodSpecImages, mayHoldPodSpec } from '../common/embedded-pod-spec.js';
import { namedValueImages, namesAnImage } from '../common/env-images.js';
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

/** The `data` keys of a v1 ConfigMap whose block string may be a pod spec (a CI runner's job pods, decision 59). */
function podSpecKeys(ctx: DocContext): string[] {
  return dataEntries(ctx).filter(([, value]) => mayHoldPodSpec(value)).map(([key]) => key);
}

export const hasPodSpecStrings = (ctx: DocContext): boolean => podSpecKeys(ctx).length > 0;

/** The images of pod specs written as ConfigMap data strings, at their lines inside the string. */
export function extractPodSpecStrings(ctx: DocContext, sink: Sink): void {
  const data = ctx.view.get(ctx.view.doc.contents, 'data');
  const owner = workloadOf(ctx);
  for (const key of podSpecKeys(ctx)) {
    const found = embeddedPodSpecImages(ctx, ctx.view.get(data, key), ['data', key], { format: 'kubernetes' });
    for (const occ of found) occ.notes = [...(occ.notes ?? []), `held in ConfigMap ${owner.name ?? '(unnamed)'}`];
    sink.occurrences.push(...found);
  }
}
