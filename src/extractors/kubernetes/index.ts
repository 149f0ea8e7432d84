import type { YamlPath } from '../../model/position.js';
import type { DocContext, YamlExtractor } from '../types.js';
import { extractPodSpec } from './pod-spec.js';

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

/** The PodSpec path of a document: by kind, or any kind shaped like a workload (`spec.template.spec.containers`). */
export function podSpecPath(ctx: DocContext): YamlPath | undefined {
  const known = ctx.kind ? POD_SPEC_PATHS[ctx.kind] : undefined;
  if (known) return known;
  const generic: YamlPath = ['spec', 'template', 'spec'];
  return ctx.kind && ctx.view.seq(ctx.view.at(ctx.view.doc.contents, [...generic, 'containers'])) ? generic : undefined;
}

export const kubernetes: YamlExtractor = {
  id: 'kubernetes',
  description: 'Kubernetes workloads: every container, init container, ephemeral container and image volume',
  prefilter: { words: ['kind'] },
  matches: (ctx) => podSpecPath(ctx) !== undefined,
  extract: (ctx, sink) => {
    const path = podSpecPath(ctx);
    if (path) extractPodSpec(ctx, path, sink);
  },
};
