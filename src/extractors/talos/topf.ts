import type { Node } from 'yaml';
import type { ScalarNode, YamlPath } from '../../model/position.js';
import type { DocContext, Sink } from '../types.js';
import { plainLookup, replacesComponent, type PatchLookup } from './k8s-documents.js';
import { COMPONENTS, impliedOccurrence } from './kubernetes.js';
const TALCONFIG = /(?:^|\/)talconfig\.ya?ml$/;
import { topfInstallers } from './topf-installer.js';
import { folderPatches, TOPF_FILE, topfFolders, topfPatchesDir } from './topf-files.js';

/**
 * topf's `topf.yaml` (postfinance/topf): by name, or a kind-less map with `clusterName` and a
 * `nodes` list whose nodes say `role` (topf's `control-plane` / `worker`) and none `hostname` or
 * `controlPlane` (talhelper's). A talconfig.yaml by name is never one.
 */
export function isTopf(ctx: DocContext): boolean {
  if (ctx.kind !== undefined || ctx.view.map(ctx.view.doc.contents) === undefined) return false;
  const file = ctx.rendered ?? ctx.file;
  if (TALCONFIG.test(file)) return false;
  if (TOPF_FILE.test(file)) return true;
  const root = ctx.view.doc.contents;
  const nodes = [...ctx.view.items(ctx.view.get(root, 'nodes'))].map(([, node]) => node);
  if (ctx.view.str(root, 'clusterName') === undefined || nodes.length === 0) return false;
  const talhelper = nodes.some((n) => ctx.view.get(n, 'hostname') !== undefined || ctx.view.get(n, 'controlPlane') !== undefined);
  return !talhelper && nodes.some((n) => ctx.view.str(n, 'role') !== undefined);
}

/** One node as topf sees it: its host, role, index in `nodes`, and what its patch folders say (undefined when they were not read). */
export interface TopfNode {
  index: number;
  node: unknown;
  host: string;
  controlPlane: boolean;
  patches: PatchLookup[] | undefined;
}

/**
 * Each node with the patches topf applies to it (`all/`, its role's folder, `node/<host>/`), and
 * a diagnostic for what the scan did not read: folders not listed (the file was not read with its
 * tree, or `patchesDir` is outside it), a patch file not read or a Go template with conditions, a
 * `nodesProvider` whose nodes are not in the file.
 */
export function topfNodes(ctx: DocContext, root: Node | null | undefined, sink: Sink): TopfNode[] {
  const line = (node: unknown) => (node && typeof node === 'object' && 'range' in node ? ctx.view.span(node as Node).start.line : 1);
  const note = (message: string, at: unknown = root) => sink.diagnostics.push({ file: ctx.file, document: ctx.document, code: 'unreadable', line: line(at), message });
  const base = topfPatchesDir(ctx.file, ctx.view.str(root, 'patchesDir'));
  const listed = base !== undefined && ctx.talosPatchFiles?.has(base) === true;
  if (!listed) {
    const where = base === undefined ? 'patchesDir is outside the tree' : 'the scan read it without them';
    note(`topf's patch folders (all/, control-plane/, worker/, node/<host>/) were not read with this file (${where}), so the images they set, an installer they pin, or a kube-proxy they disable are not known`);
  }
  const provider = ctx.view.get(root, 'nodesProvider');
  if (provider) note('nodesProvider adds nodes that are not written here; their roles, and so the control-plane images, are not known', provider);
  const unknown = new Set<string>();
  const out: TopfNode[] = [];
  for (const [index, node] of ctx.view.items(ctx.view.get(root, 'nodes'))) {
    const host = ctx.view.str(node, 'host') ?? `nodes[${index}]`;
    const role = ctx.view.str(node, 'role') ?? '';
    let patches: PatchLookup[] | undefined;
    if (listed && ctx.talosPatchFiles && base !== undefined) {
      patches = [];
      for (const folder of topfFolders(base, role, host)) {
        const read = folderPatches(ctx.talosPatchFiles, folder);
        patches.push(...read.docs.map(plainLookup));
        for (const path of read.unknown) unknown.add(path);
      }
    }
    out.push({ index, node, host, controlPlane: role === 'control-plane', patches });
  }
  for (const path of unknown) note(`patch file ${path} was not read, or is a Go template with conditions imagepin does not evaluate, so the images it may set (or a kube-proxy it disables) are not known`);
  return out;
}

/**
 * The Kubernetes images topf's config generation (the Talos machinery, as talosctl's) writes
 * from `kubernetesVersion`: the kubelet on every node, API server, controller manager, scheduler
 * and kube-proxy on control planes, at `v<kubernetesVersion>`, unless a patch of the node replaces
 * or disables the component (k8s-documents.ts). One `implied` occurrence per image.
 */
function kubernetesImages(ctx: DocContext, root: Node | null | undefined, nodes: TopfNode[], sink: Sink): void {
  const versionNode = ctx.view.get(root, 'kubernetesVersion');
  const written = ctx.view.string(versionNode);
  const scalar: ScalarNode | undefined = versionNode ? ctx.view.scalar(versionNode) : undefined;
  if (!written || !scalar) return;
  const tag = `v${written.replace(/^v/, '')}`;
  const hosts = new Map<string, { field: string; names: string[] }>();
  for (const n of nodes) {
    for (const c of COMPONENTS) {
      if (c.controlPlaneOnly && !n.controlPlane) continue;
      if (n.patches?.some((p) => replacesComponent(p, c.field))) continue;
      const raw = `${c.repository}:${tag}`;
      const entry = hosts.get(raw) ?? { field: [...c.field, 'image'].join('.'), names: [] };
      entry.names.push(n.host);
      hosts.set(raw, entry);
    }
  }
  const path: YamlPath = ['kubernetesVersion'];
  for (const [raw, { field, names }] of hosts) {
    const note = `topf writes ${raw} as ${field}: the Talos generator's image at kubernetesVersion`;
    sink.occurrences.push(impliedOccurrence(ctx, { raw, path, scalar, written, value: written, workload: { kind: 'TalosNode', name: names.join(', ') }, note }));
  }
}

/** topf: the installer it generates from `talosVersion` and `schematicId`, and the Kubernetes images `kubernetesVersion` implies. */
export function extractTopf(ctx: DocContext, sink: Sink): void {
  const root = ctx.view.doc.contents;
  const nodes = topfNodes(ctx, root, sink);
  topfInstallers(ctx, root, nodes, sink);
  kubernetesImages(ctx, root, nodes, sink);
}
