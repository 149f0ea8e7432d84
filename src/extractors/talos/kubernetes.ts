import { isMap, isSeq, type Node } from 'yaml';
import type { Occurrence } from '../../model/occurrence.js';
import type { ScalarNode, YamlPath } from '../../model/position.js';
import { classify } from '../common/build.js';
import { embeddedDocuments } from '../../yaml/embedded.js';
import type { YamlView } from '../../yaml/view.js';
import { valueSpan } from '../common/spans.js';
import { templatedReason } from '../common/templated.js';
import type { DocContext, Sink } from '../types.js';
import { plainLookup, replacesComponent, type PatchLookup } from './k8s-documents.js';
import { legacyPatches } from './legacy-patches.js';
import { patchFilePath } from './patch-files.js';
import { withTalenv } from './talenv.js';

/** The images talosctl's generator writes from the Kubernetes version, and which nodes' configs hold them. */
export const COMPONENTS = [
  { field: ['machine', 'kubelet'], repository: 'ghcr.io/siderolabs/kubelet', controlPlaneOnly: false },
  { field: ['cluster', 'apiServer'], repository: 'registry.k8s.io/kube-apiserver', controlPlaneOnly: true },
  { field: ['cluster', 'controllerManager'], repository: 'registry.k8s.io/kube-controller-manager', controlPlaneOnly: true },
  { field: ['cluster', 'scheduler'], repository: 'registry.k8s.io/kube-scheduler', controlPlaneOnly: true },
  { field: ['cluster', 'proxy'], repository: 'registry.k8s.io/kube-proxy', controlPlaneOnly: true },
] as const;

/** What one patch sets at a path: undefined when nothing, else the value's text (undefined for a map or list). */
type Patch = PatchLookup;

/** What a YAML patch writes at `path`: the map's node there, or an add/replace op's value at or above it. */
function lookup(view: YamlView, root: Node | null | undefined, path: readonly string[]): unknown {
  if (isMap(root)) return view.at(root, [...path]);
  if (!isSeq(root)) return undefined;
  for (const [, op] of view.items(root)) {
    const kind = view.str(op, 'op');
    const keys = (view.str(op, 'path') ?? '').split('/').slice(1);
    if ((kind !== 'add' && kind !== 'replace') || keys.length > path.length || keys.some((k, i) => k !== path[i])) continue;
    const found = view.at(view.get(op, 'value'), path.slice(keys.length));
    if (found !== undefined) return found;
  }
  return undefined;
}

const yamlPatch = (view: YamlView, root: Node | null | undefined): Patch => (path) => {
  const found = lookup(view, root, path);
  return found === undefined ? undefined : { text: view.string(found) };
};

/**
 * The patches of one list: inline maps and op lists as they are, YAML strings read again, and
 * `@file` patches as the scan read them (ctx.talosPatchFiles; without it, or for a file the tree
 * does not hold, they are not known).
 */
function parsed(ctx: DocContext, list: unknown): Patch[] {
  const out: Patch[] = [];
  for (const [, node] of ctx.view.items(list)) {
    const text = ctx.view.string(node);
    if (isMap(node) || isSeq(node)) out.push(yamlPatch(ctx.view, node));
    else if (node && text?.trimStart().startsWith('@')) {
      const path = patchFilePath(ctx.file, text.trimStart());
      for (const doc of (path && ctx.talosPatchFiles?.get(path)) || []) out.push(plainLookup(doc));
    } else if (node) {
      for (const inner of embeddedDocuments(ctx.view, ctx.file, node).views) out.push(yamlPatch(inner, inner.doc.contents));
    }
  }
  return out;
}

/**
 * talhelper's Kubernetes images: talosctl's generator writes the kubelet image into every node's
 * config and the API server, controller manager, scheduler and kube-proxy images into the control
 * plane's, all tagged `v<kubernetesVersion>`. A node whose patches (the cluster's, its group's, its
 * own, and the older `inlinePatch` / `configPatches`: legacy-patches.ts) set that image gets the patch's image instead (reported from the patch), and
 * `cluster.proxy.disabled: true` (or a Talos 1.14 document: a `KubeProxyConfig` with `enabled: false`,
 * a `KubeletConfig` with an image, ...: k8s-documents.ts) removes or replaces the component. One `implied` occurrence per image, at
 * `kubernetesVersion`; without it talhelper takes Talos's default version, which is not written.
 */
export function kubernetesImages(ctx: DocContext, root: Node | null | undefined, sink: Sink): void {
  const versionNode = ctx.view.get(root, 'kubernetesVersion');
  const version = ctx.view.string(versionNode);
  const scalar = versionNode ? ctx.view.scalar(versionNode) : undefined;
  if (!version || !scalar) return;
  const { value, from } = withTalenv(ctx, version);
  const tagText = templatedReason(value) ? value : `v${value.replace(/^v/, '')}`;
  const shared = parsed(ctx, ctx.view.get(root, 'patches'));
  const legacy = (holder: unknown): Patch[] => legacyPatches(ctx, holder, []).map(([node]) => yamlPatch(ctx.view, node));
  const group = (name: string): Patch[] => [...parsed(ctx, ctx.view.at(root, [name, 'patches'])), ...legacy(ctx.view.get(root, name))];
  const byGroup = { controlPlane: group('controlPlane'), worker: group('worker') };
  const hosts = new Map<string, { field: string; names: string[] }>();
  for (const [index, node] of ctx.view.items(ctx.view.get(root, 'nodes'))) {
    const controlPlane = ctx.view.str(node, 'controlPlane') === 'true';
    const patches = [...shared, ...byGroup[controlPlane ? 'controlPlane' : 'worker'], ...parsed(ctx, ctx.view.get(node, 'patches')), ...legacy(node)];
    for (const c of COMPONENTS) {
      if (c.controlPlaneOnly && !controlPlane) continue;
      if (patches.some((p) => replacesComponent(p, c.field))) continue;
      const raw = `${c.repository}:${tagText}`;
      const entry = hosts.get(raw) ?? { field: [...c.field, 'image'].join('.'), names: [] };
      entry.names.push(ctx.view.str(node, 'hostname') ?? `nodes[${index}]`);
      hosts.set(raw, entry);
    }
  }
  for (const [raw, { field, names }] of hosts) {
    const note = `talhelper writes ${raw} as ${field}: the generator's image at kubernetesVersion${from ? ` (${from})` : ''}`;
    sink.occurrences.push(impliedOccurrence(ctx, { raw, path: ['kubernetesVersion'], scalar, written: version, value, workload: { kind: 'TalosNode', name: names.join(', ') }, note }));
  }
}

/** What an `implied` image is derived from: the version scalar it is tagged from, and who runs it. */
export interface Implied {
  raw: string;
  path: YamlPath;
  scalar: ScalarNode;
  /** The version as written at `scalar` (the tag part's span). */
  written: string;
  /** The version once talenv.yaml variables are filled in, when that differs from `written`. */
  value?: string;
  workload: { kind: string; name: string };
  note: string;
}

/** An `implied` occurrence (resolved and reported, never rewritten) tagged from a version field; `templated` when the version is. */
export function impliedOccurrence(ctx: DocContext, implied: Implied): Occurrence {
  const { raw, path, scalar, written, value, workload, note } = implied;
  const tag = { path, node: scalar, span: valueSpan(ctx.view, scalar, written) };
  const occ: Occurrence = { file: ctx.file, format: 'talos', document: ctx.document, path, shape: 'implied', raw, parts: { tag }, workload, notes: [note] };
  classify(occ, raw, templatedReason(value ?? written));
  return occ;
}
