import type { YamlExtractor } from '../types.js';
import { isTalosJsonPatch } from './detect.js';
import { extractOmni, isOmni } from './omni.js';
import { extractTalconfig, isTalconfig, TALCONFIG } from './talhelper.js';
import { extractTalosJsonPatch } from './tree.js';

/**
 * Talos config kept in other shapes than a machine config (machine configs and strategic-merge
 * patches are read by `crd` and `node-mirrors`): talhelper's talconfig.yaml, Omni cluster
 * templates and ConfigPatches, and RFC 6902 patch files.
 */
export const talos: YamlExtractor = {
  id: 'talos',
  description: "Talos config in talhelper's talconfig.yaml (inline patches, installer from talosVersion, Kubernetes images from kubernetesVersion), Omni patches, RFC 6902 patch files",
  prefilter: { words: ['clusterName', 'kind', 'ConfigPatches.omni.sidero.dev', 'machine', 'cluster'], files: [TALCONFIG] },
  matches: (ctx) => isTalconfig(ctx) || isOmni(ctx) || (ctx.kind === undefined && isTalosJsonPatch(ctx)),
  extract: (ctx, sink) => {
    if (isTalconfig(ctx)) return extractTalconfig(ctx, sink);
    if (isOmni(ctx)) return extractOmni(ctx, sink);
    extractTalosJsonPatch(ctx, ctx.view.doc.contents, [], 'talos', sink);
  },
};

export { isTalosConfig } from './detect.js';
