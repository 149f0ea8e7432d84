import type { Workload } from '../../model/occurrence.js';
import type { YamlPath } from '../../model/position.js';
import { fromString, pullPolicyAt, stringValue } from '../common/build.js';
import { argImages } from '../common/arg-images.js';
import { envImages } from '../common/env-images.js';
import type { DocContext, Sink } from '../types.js';

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/** The workload an image runs in: kind, name and namespace from the metadata of the object at `base` (the document by default). */
export function workloadOf(ctx: DocContext, container?: string, base: YamlPath = []): Workload {
  const root = ctx.view.at(ctx.view.doc.contents, base);
  const workload: Workload = { kind: (base.length ? ctx.view.str(root, 'kind') : ctx.kind) ?? 'unknown' };
  const name = ctx.view.str(root, 'metadata', 'name');
  const namespace = ctx.view.str(root, 'metadata', 'namespace');
  if (name) workload.name = name;
  if (namespace) workload.namespace = namespace;
  if (container) workload.container = container;
  return workload;
}

/** Every image of one PodSpec: containers of all three lists, images an operator is given in a container's env, command or args, and image volumes (Kubernetes 1.31+). */
export function extractPodSpec(ctx: DocContext, specPath: YamlPath, sink: Sink, base: YamlPath = []): void {
  const spec = ctx.view.at(ctx.view.doc.contents, specPath);
  for (const list of CONTAINER_LISTS) {
    for (const [index, container] of ctx.view.items(ctx.view.get(spec, list))) {
      const path = [...specPath, list, index];
      const name = stringValue(ctx, ctx.view.get(container, 'name'));
      const scope = { format: 'kubernetes' as const, workload: workloadOf(ctx, name, base) };
      for (const [envIndex, entry] of ctx.view.items(ctx.view.get(container, 'env'))) {
        if (entry) sink.occurrences.push(...envImages(ctx, entry, [...path, 'env', envIndex], scope));
      }
      for (const key of ['command', 'args']) sink.occurrences.push(...argImages(ctx, ctx.view.get(container, key), [...path, key], scope));
      const image = ctx.view.get(container, 'image');
      if (!image) continue;
      const pullPolicy = pullPolicyAt(ctx, container, path, ['imagePullPolicy']);
      const occ = fromString(ctx, image, [...path, 'image'], { format: 'kubernetes', workload: workloadOf(ctx, name, base), pullPolicy });
      if (occ) sink.occurrences.push(occ);
    }
  }
  for (const [index, volume] of ctx.view.items(ctx.view.get(spec, 'volumes'))) {
    const path = [...specPath, 'volumes', index, 'image'];
    const image = ctx.view.get(ctx.view.get(volume, 'image'), 'reference');
    if (!image) continue;
    const name = stringValue(ctx, ctx.view.get(volume, 'name'));
    const pullPolicy = pullPolicyAt(ctx, ctx.view.get(volume, 'image'), path, ['pullPolicy']);
    const occ = fromString(ctx, image, [...path, 'reference'], { format: 'kubernetes', workload: workloadOf(ctx, name && `volume ${name}`, base), pullPolicy });
    if (occ) sink.occurrences.push(occ);
  }
}
