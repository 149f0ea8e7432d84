import type { YamlPath } from '../../model/position.js';
import { valuesDocument } from '../helm-values/index.js';
import type { DocContext, YamlExtractor } from '../types.js';
import { extractPodSpec } from './pod-spec.js';
import { extractConfigMap, extractPodSpecStrings, hasPodSpecStrings, isImageConfigMap } from './config-map.js';

/** Where each workload kind keeps its PodSpec. */
export const POD_SPEC_PATHS: Record<string, YamlPath> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  Rollout: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The PodSpec path of an object at `base` (the document, or an item of a List): by kind, or any kind shaped like a workload (`spec.template.spec.containers`). */
function podSpecPathAt(ctx: DocContext, base: YamlPath): YamlPath | undefined {
  const node = ctx.view.at(ctx.view.doc.contents, base);
  const kind = ctx.view.str(node, 'kind');
  const known = kind ? POD_SPEC_PATHS[kind] : undefined;
  if (known) return [...base, ...known];
  const generic: YamlPath = ['spec', 'template', 'spec'];
  return kind && ctx.view.seq(ctx.view.at(node, [...generic, 'containers'])) ? [...base, ...generic] : undefined;
}

/** The PodSpec path of a document: by kind, or any kind shaped like a workload (`spec.template.spec.containers`). */
export function podSpecPath(ctx: DocContext): YamlPath | undefined {
  return podSpecPathAt(ctx, []);
}

/**
 * Every PodSpec of a document with its object's path: the document itself, or each item of a
 * `kind: List` (what `kubectl get -o yaml` writes, and what some repositories commit).
 */
export function podSpecs(ctx: DocContext): { base: YamlPath; spec: YamlPath }[] {
  const own = podSpecPath(ctx);
  if (own) return [{ base: [], spec: own }];
  if (ctx.kind !== 'List') return [];
  const found: { base: YamlPath; spec: YamlPath }[] = [];
  for (const [index] of ctx.view.items(ctx.view.get(ctx.view.doc.contents, 'items'))) {
    const spec = podSpecPathAt(ctx, ['items', index]);
    if (spec) found.push({ base: ['items', index], spec });
  }
  return found;
}

export const kubernetes: YamlExtractor = {
  id: 'kubernetes',
  description: 'Kubernetes workloads: every container, init container, ephemeral container and image volume, also as items of a List; ConfigMap data keys named as image variables, and pod specs written as ConfigMap data or Secret stringData strings (also as List items)',
  prefilter: { words: ['kind'] },
  matches: (ctx) => !valuesDocument(ctx) && (podSpecs(ctx).length > 0 || isImageConfigMap(ctx) || hasPodSpecStrings(ctx)),
  extract: (ctx, sink) => {
    for (const { base, spec } of podSpecs(ctx)) extractPodSpec(ctx, spec, sink, base);
    if (isImageConfigMap(ctx)) extractConfigMap(ctx, sink);
    if (hasPodSpecStrings(ctx)) extractPodSpecStrings(ctx, sink);
  },
};
