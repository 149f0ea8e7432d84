import type { Node } from 'yaml';
import type { Occurrence } from '../../model/occurrence.js';
import type { YamlPath } from '../../model/position.js';
import { classify } from '../common/build.js';
import { valueSpan } from '../common/spans.js';
import { templatedReason } from '../common/templated.js';
import type { DocContext, Sink } from '../types.js';
import { patchFilePath } from './patch-files.js';
import type { TopfNode } from './topf.js';

/** An Image Factory schematic ID as the factory writes it: 64 hex digits. */
const SCHEMATIC_ID = /^[0-9a-f]{64}$/;

/** A node's own setting, else the cluster's (topf lets a node override each of them), with where it is written. */
function setting(ctx: DocContext, root: Node | null | undefined, n: TopfNode, key: string): { text: string; node: Node; path: YamlPath } | undefined {
  const own = ctx.view.get(n.node, key);
  if (own) return ctx.view.string(own) === undefined ? undefined : { text: ctx.view.string(own) ?? '', node: own, path: ['nodes', n.index, key] };
  const top = ctx.view.get(root, key);
  return top && ctx.view.string(top) !== undefined ? { text: ctx.view.string(top) ?? '', node: top, path: [key] } : undefined;
}

/** Why the schematic ID is not written out, or undefined for a literal ID. */
function schematicGap(ctx: DocContext, id: string | undefined): string | undefined {
  if (id === undefined) return 'schematicId is not set, and the ID topf writes then is not known to imagepin';
  if (id.startsWith('@')) {
    const path = patchFilePath(ctx.file, id);
    const absent = path === undefined ? ' (the file is outside the tree)' : ctx.held && !ctx.held(path) ? ' (the file is not in the tree)' : '';
    return `topf computes the schematic ID from the schematic file ${id.slice(1)}${absent}, which imagepin does not do`;
  }
  return SCHEMATIC_ID.test(id) ? undefined : (templatedReason(id) ?? `schematicId ${id} is not a schematic ID imagepin can write out`);
}

/**
 * The installer topf generates when `talosVersion` is set, as the first patch of every node:
 * `<factory>/<platform>-installer[-secureboot]/<schematicId>:v<talosVersion>`, each setting the
 * node's own or the cluster's, defaults `factory.talos.dev` and `metal`. A node whose patches set
 * `machine.install.image` gets that image instead (reported from the patch). A schematic ID that
 * is not written out (`@schematic.yaml`, which topf hashes, or none) is `<schematic ID>` and the
 * occurrence `templated`. One `implied` occurrence per distinct installer, at the version it is tagged from.
 */
export function topfInstallers(ctx: DocContext, root: Node | null | undefined, nodes: readonly TopfNode[], sink: Sink): void {
  const byImage = new Map<string, { occ: Occurrence; hosts: string[]; gap: string | undefined }>();
  for (const n of nodes) {
    const version = setting(ctx, root, n, 'talosVersion');
    const scalar = version && ctx.view.scalar(version.node);
    if (!version || !scalar || n.patches?.some((p) => p(['machine', 'install', 'image']) !== undefined)) continue;
    const id = setting(ctx, root, n, 'schematicId')?.text;
    const gap = schematicGap(ctx, id);
    const secureboot = setting(ctx, root, n, 'secureboot')?.text === 'true';
    const factory = setting(ctx, root, n, 'factory')?.text ?? 'factory.talos.dev';
    const platform = setting(ctx, root, n, 'platform')?.text ?? 'metal';
    const raw = `${factory}/${platform}-installer${secureboot ? '-secureboot' : ''}/${gap ? '<schematic ID>' : id}:v${version.text.replace(/^v/, '')}`;
    // A templated schematic file (`.tpl`) may hash differently per node; any other names one ID.
    const key = `${raw}\u0000${version.path.join('.')}\u0000${id ?? ''}${id?.endsWith('.tpl') ? `\u0000${n.host}` : ''}`;
    const entry = byImage.get(key);
    if (entry) {
      entry.hosts.push(n.host);
      continue;
    }
    const tag = { path: version.path, node: scalar, span: valueSpan(ctx.view, scalar, version.text) };
    const from = `talosVersion${id !== undefined ? ', schematicId' : ''}${secureboot ? ', secureboot' : ''}`;
    const note = `topf writes ${raw} as machine.install.image: the Image Factory installer it generates from ${from} (a patch that sets machine.install.image replaces it)`;
    const occ: Occurrence = { file: ctx.file, format: 'talos', document: ctx.document, path: version.path, shape: 'implied', raw, parts: { tag }, workload: { kind: 'TalosNode', name: '' }, notes: [note] };
    byImage.set(key, { occ, hosts: [n.host], gap });
  }
  for (const { occ, hosts, gap } of byImage.values()) {
    occ.workload = { kind: 'TalosNode', name: hosts.join(', ') };
    classify(occ, occ.raw, gap ?? templatedReason(occ.raw));
    sink.occurrences.push(occ);
  }
}
