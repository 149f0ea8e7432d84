import type { YamlExtractor } from '../types.js';
import { workloadOf } from '../kubernetes/pod-spec.js';
import { podSpecPath } from '../kubernetes/index.js';
import { extractValues } from '../helm-values/extract.js';
import { isTalosConfig } from '../talos/detect.js';
import { clusterEntries } from '../talos/tree.js';
import { extractInlineManifests } from '../talos/inline-manifests.js';
import { extractK8sDocument, replacedFields } from '../talos/k8s-documents.js';
import { confluentImages } from './confluent.js';
import { crossplanePackages } from './crossplane.js';
import { isTekton, resolveTektonParams } from './tekton-params.js';

export { isTalosConfig };

/** Kinds whose images other extractors read, or whose strings are data and never image fields. */
const NOT_HERE = new Set([
  'HelmRelease', 'OCIRepository', 'HelmRepository', 'HelmChart', 'GitRepository', 'Kustomization', 'Component',
  'Application', 'ApplicationSet', 'AppProject',
  'ConfigMap', 'Secret', 'CustomResourceDefinition', 'List',
  // Talos v1alpha1: `rules[].image` are patterns of images whose signatures are verified (`ghcr.io/siderolabs/*`).
  'ImageVerificationConfig',
]);
/**
 * API groups whose kinds name images without running them: Flux image automation's ImageRepository
 * `spec.image` is the repository scanned for tags (it may carry no tag), ImagePolicy picks one.
 */
const NOT_WORKLOAD_GROUPS = new Set(['image.toolkit.fluxcd.io']);
const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '');
/** Top-level keys that hold labels, annotations and observed state rather than desired images. */
const SKIP_KEYS = new Set(['apiVersion', 'kind', 'metadata', 'status']);

/**
 * Any other resource (Rook CephCluster `spec.cephVersion.image`, Prometheus operator, Talos machine
 * config, ...): fields named `image` or ending in `Image`, as strings or image maps, found with the
 * same rules as Helm values. Workload kinds and the GitOps kinds are left to their own extractors.
 */
export const crd: YamlExtractor = {
  id: 'crd',
  description: 'Image fields of any other resource (CRDs, Talos machine configs and patches)',
  prefilter: { words: ['kind', 'machine', 'cluster'] },
  matches: (ctx) => isTalosConfig(ctx) || (ctx.kind !== undefined && ctx.apiVersion !== undefined && !NOT_HERE.has(ctx.kind) && !NOT_WORKLOAD_GROUPS.has(groupOf(ctx.apiVersion)) && podSpecPath(ctx) === undefined),
  extract: (ctx, sink) => {
    if (extractK8sDocument(ctx, ctx.view.doc.contents, [], 'crd', sink)) return;
    const talos = isTalosConfig(ctx);
    const scope = { format: 'crd' as const, workload: talos ? { kind: 'TalosMachineConfig' } : workloadOf(ctx) };
    // A Kubernetes config document in the same file (KubeProxyConfig, ...) replaces its v1alpha1 field (talos/k8s-documents.ts).
    const replaced = talos ? replacedFields(ctx.view.text) : new Set<string>();
    // Occurrences are gathered first so that operator conventions can be applied to them (0056).
    const local = { ...sink, occurrences: [...confluentImages(ctx, scope), ...crossplanePackages(ctx, scope)] };
    for (const [key, value] of ctx.view.entries(ctx.view.doc.contents)) {
      if (SKIP_KEYS.has(key)) continue;
      // A Talos `cluster.proxy` / `cluster.coreDNS` with `disabled: true` runs nothing (talos/tree.ts).
      if (talos && (key === 'cluster' || key === 'machine')) {
        for (const [node, path] of clusterEntries(ctx, value, [key], replaced)) extractValues(ctx, node, path, scope, local);
        if (key === 'cluster') extractInlineManifests(ctx, value, local);
      } else extractValues(ctx, value, [key], scope, local);
    }
    sink.occurrences.push(...(isTekton(ctx) ? resolveTektonParams(ctx, local.occurrences) : local.occurrences));
  },
};
