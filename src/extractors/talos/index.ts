import type { YamlExtractor } from '../types.js';
import { isTalosJsonPatch } from './detect.js';
import { extractOmni, isOmni } from './omni.js';
import { extractTalconfig, isTalconfig, TALCONFIG } from './talhelper.js';
import { extractTopf, isTopf } from './topf.js';
import { TOPF_FILE } from './topf-files.js';
import { extractTalosJsonPatch } from './tree.js';

/**
 * Talos config kept in other shapes than a machine config (machine configs and strategic-merge
 * patches are read by `crd` and `node-mirrors`): talhelper's talconfig.yaml, topf's topf.yaml, Omni cluster
 * templates and ConfigPatches, and RFC 6902 patch files.
 */
export const talos: YamlExtractor = {
  id: 'talos',
  description: "Talos config in talhelper's talconfig.yaml (inline patches, installer from talosVersion, Kubernetes images from kubernetesVersion), topf's topf.yaml (the same, with its patch folders), Omni patches, RFC 6902 patch files",
  prefilter: { words: ['clusterName', 'kind', 'ConfigPatches.omni.sidero.dev', 'machine', 'cluster'], files: [TALCONFIG, TOPF_FILE] },
  matches: (ctx) => isTopf(ctx) || isTalconfig(ctx) || isOmni(ctx) || (ctx.kind === undefined && isTalosJsonPatch(ctx)),
  extract: (ctx, sink) => {
    if (isTopf(ctx)) return extractTopf(ctx, sink);
    if (isTalconfig(ctx)) return extractTalconfig(ctx, sink);
    if (isOmni(ctx)) return extractOmni(ctx, sink);
    extractTalosJsonPatch(ctx, ctx.view.doc.contents, [], 'talos', sink);
  },
};

export { isTalosConfig } from './detect.js';
