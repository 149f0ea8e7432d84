import { isNode, type Node } from 'yaml';
import type { Occurrence } from '../../model/occurrence.js';
import type { YamlPath } from '../../model/position.js';
import { parseReference } from '../../model/reference.js';
import { valueSpan } from '../common/spans.js';
import { templatedReason } from '../common/templated.js';
import type { DocContext, Sink } from '../types.js';
import { kubernetesImages } from './kubernetes.js';
import { allLegacyPatches } from './legacy-patches.js';
import { extractEmbeddedPatch } from './patch.js';
import { patchFilePath } from './patch-files.js';
import { withTalenv } from './talenv.js';
import { isTopf } from './topf.js';

export const TALCONFIG = /(?:^|\/)talconfig\.ya?ml$/;
const DEFAULT_INSTALLER = 'ghcr.io/siderolabs/installer';
const FACTORY = 'factory.talos.dev';
const FACTORY_DETAIL = "the Image Factory computes the installer's schematic ID from `schematic`, which imagepin does not do";

/** talhelper's `talconfig.yaml`: by name, or a kind-less document with `clusterName` and a `nodes` list that is not topf's (topf.ts). */
export function isTalconfig(ctx: DocContext): boolean {
  if (ctx.kind !== undefined || isTopf(ctx)) return false;
  const root = ctx.view.doc.contents;
  const shaped = ctx.view.str(root, 'clusterName') !== undefined && ctx.view.seq(ctx.view.get(root, 'nodes')) !== undefined;
  return shaped || (TALCONFIG.test(ctx.rendered ?? ctx.file) && ctx.view.map(root) !== undefined);
}

/** Every `patches` list: the cluster's, `controlPlane`'s, `worker`'s and each node's. */
function patchLists(ctx: DocContext, root: Node | null | undefined): [Node | null | undefined, YamlPath][] {
  const lists: [Node | null | undefined, YamlPath][] = [[ctx.view.get(root, 'patches'), ['patches']]];
  for (const group of ['controlPlane', 'worker']) lists.push([ctx.view.at(root, [group, 'patches']), [group, 'patches']]);
  for (const [index, node] of ctx.view.items(ctx.view.get(root, 'nodes'))) lists.push([ctx.view.get(node, 'patches'), ['nodes', index, 'patches']]);
  return lists;
}

/**
 * The Image Factory installer talhelper writes for a node with a `schematic` and no `talosImageURL`:
 * `<imageFactory.registryURL>/<machineSpec.mode>-installer[-secureboot]/<schematic ID>`, the
 * node's `machineSpec` over its group's, defaults `factory.talos.dev` and `metal` (talhelper's
 * current default `installerURLTmpl`; releases before it wrote `installer[-secureboot]/<ID>`).
 * A custom `imageFactory.installerURLTmpl` is not rendered: the name says so.
 */
function factoryInstaller(ctx: DocContext, root: Node | null | undefined, node: unknown, group: string): { name: string; detail: string } {
  const spec = (key: string) => ctx.view.str(ctx.view.get(node, 'machineSpec'), key) ?? ctx.view.str(ctx.view.at(root, [group, 'machineSpec']), key);
  const template = ctx.view.at(root, ['imageFactory', 'installerURLTmpl']);
  if (template !== undefined) {
    return { name: '<imageFactory.installerURLTmpl>', detail: `talhelper renders the installer from \`imageFactory.installerURLTmpl\` and the schematic ID, which imagepin does not do` };
  }
  const registry = ctx.view.str(ctx.view.get(root, 'imageFactory'), 'registryURL') ?? FACTORY;
  const name = `${registry}/${spec('mode') ?? 'metal'}-installer${spec('secureboot') === 'true' ? '-secureboot' : ''}/<schematic ID>`;
  return { name, detail: `${FACTORY_DETAIL}; the name is the one talhelper's default installerURLTmpl gives (releases before it wrote ${registry}/installer/<schematic ID>)` };
}

/** What tells two schematics apart: their content (an alias is its anchor's), else where the node is written. */
function schematicKey(ctx: DocContext, node: unknown): string {
  if (!isNode(node)) return '';
  try {
    return JSON.stringify(ctx.view.toJS(node, 100)) ?? '';
  } catch {
    return `at ${node.range?.[0] ?? ''}`;
  }
}

/**
 * The installer image each node gets: `<talosImageURL>:<talosVersion>`, where the URL is the
 * node's own, else its group's (`controlPlane` / `worker`), else talhelper's default; a schematic
 * without a URL means an Image Factory installer whose ID imagepin cannot compute offline.
 * One occurrence per distinct image (an Image Factory installer per distinct schematic), shape
 * `implied`: it is resolved and reported, never rewritten.
 */
function installers(ctx: DocContext, root: Node | null | undefined, sink: Sink): void {
  const versionNode = ctx.view.get(root, 'talosVersion');
  const written = ctx.view.string(versionNode);
  const versionScalar = versionNode ? ctx.view.scalar(versionNode) : undefined;
  if (!written || !versionNode || !versionScalar) return;
  const { value: version, from } = withTalenv(ctx, written);
  const byImage = new Map<string, { raw: string; hosts: string[]; url?: [Node, YamlPath]; schematic: boolean; detail?: string | undefined }>();
  for (const [index, node] of ctx.view.items(ctx.view.get(root, 'nodes'))) {
    const group = ctx.view.str(node, 'controlPlane') === 'true' ? 'controlPlane' : 'worker';
    const own = ctx.view.get(node, 'talosImageURL');
    const inherited = ctx.view.at(root, [group, 'talosImageURL']);
    const url: [Node, YamlPath] | undefined = own ? [own, ['nodes', index, 'talosImageURL']] : inherited ? [inherited, [group, 'talosImageURL']] : undefined;
    const ownSchematic = ctx.view.get(node, 'schematic');
    const schematic = ownSchematic !== undefined || ctx.view.at(root, [group, 'schematic']) !== undefined;
    const factory = !url && schematic ? factoryInstaller(ctx, root, node, group) : undefined;
    const name = url ? withTalenv(ctx, ctx.view.string(url[0]) ?? '').value : (factory?.name ?? DEFAULT_INSTALLER);
    const raw = `${name}:${version}`;
    // Two schematics give two installers even when their names print alike (the ID is not computed).
    const key = factory ? `${raw}\u0000${schematicKey(ctx, ownSchematic ?? ctx.view.at(root, [group, 'schematic']))}` : raw;
    const entry = byImage.get(key) ?? { raw, hosts: [], url, schematic: factory !== undefined, detail: factory?.detail };
    entry.hosts.push(ctx.view.str(node, 'hostname') ?? `nodes[${index}]`);
    byImage.set(key, entry);
  }
  for (const entry of byImage.values()) {
    const raw = entry.raw;
    const tag = { path: ['talosVersion'], node: versionScalar, span: valueSpan(ctx.view, versionScalar, written) };
    const occ: Occurrence = { file: ctx.file, format: 'talos', document: ctx.document, path: entry.url?.[1] ?? ['talosVersion'], shape: 'implied', raw, parts: { tag }, workload: { kind: 'TalosNode', name: entry.hosts.join(', ') } };
    const urlScalar = entry.url && ctx.view.scalar(entry.url[0]);
    if (entry.url && urlScalar) occ.parts.repository = { path: entry.url[1], node: urlScalar, span: valueSpan(ctx.view, urlScalar, ctx.view.string(entry.url[0]) ?? '') };
    occ.notes = [`talhelper installs ${raw}: ${entry.url ? 'talosImageURL' : entry.schematic ? 'the Image Factory installer of its schematic' : 'its default installer'} at talosVersion${from ? ` (${from})` : ''}`];
    const parsed = parseReference(raw);
    const templated = templatedReason(raw);
    if (entry.schematic || templated) {
      occ.skipReason = 'templated';
      occ.skipDetail = entry.detail ?? templated ?? FACTORY_DETAIL;
    } else if (parsed.ok) occ.reference = parsed.ref;
    else {
      occ.skipReason = 'invalid-reference';
      occ.skipDetail = parsed.reason;
    }
    sink.occurrences.push(occ);
  }
}

/** A diagnostic for an `@file` patch the scan could not read (when it read the tree's patch files at all). */
function unreadPatchFile(ctx: DocContext, node: Node | null | undefined, sink: Sink): void {
  const text = ctx.view.string(node)?.trimStart();
  if (!node || !ctx.talosPatchFiles || !text?.startsWith('@')) return;
  const path = patchFilePath(ctx.file, text);
  if (path !== undefined && ctx.talosPatchFiles.get(path) !== null) return;
  const message = `patch file ${text.slice(1)} is ${path === undefined ? 'outside the tree' : 'not among the files read'}, so the images it may set (or a kube-proxy it disables) are not known`;
  sink.diagnostics.push({ file: ctx.file, document: ctx.document, code: 'unreadable', line: ctx.view.span(node).start.line, message });
}

/** talhelper: inline patches as Talos config (images and mirrors), the installer `talosVersion` implies and the Kubernetes images `kubernetesVersion` implies. */
export function extractTalconfig(ctx: DocContext, sink: Sink): void {
  const root = ctx.view.doc.contents;
  for (const [list, path] of patchLists(ctx, root)) {
    for (const [index, patch] of ctx.view.items(list)) {
      extractEmbeddedPatch(ctx, patch, [...path, index], sink);
      unreadPatchFile(ctx, patch, sink);
    }
  }
  for (const [patch, path] of allLegacyPatches(ctx, root)) extractEmbeddedPatch(ctx, patch, path, sink);
  installers(ctx, root, sink);
  kubernetesImages(ctx, root, sink);
}
