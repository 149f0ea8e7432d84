import type { Node } from 'yaml';
import type { FormatId } from '../../model/occurrence.js';
import type { YamlPath } from '../../model/position.js';
import { fromString, stringValue } from '../common/build.js';
import { isImageKey } from '../common/image-map.js';
import { extractValues } from '../helm-values/extract.js';
import { extractMirror, extractMirrorMap, extractTalosMirrors } from '../node-mirrors/talos.js';
import type { DocContext, Sink } from '../types.js';
import { extractInlineManifests } from './inline-manifests.js';
import { extractK8sDocument } from './k8s-documents.js';

const WORKLOAD = { kind: 'TalosMachineConfig' };

/** The `cluster` components Talos does not run when they say `disabled: true`, whatever image they name. */
const DISABLABLE = new Set(['proxy', 'coreDNS']);

/**
 * The entries of a Talos config's `machine` or `cluster` map that can deploy an image: all of them
 * but a `proxy` or `coreDNS` with `disabled: true`, which deploys nothing even when it still names
 * an image (the talhelper reader leaves out a disabled kube-proxy too), and those `replaced` names
 * (`cluster.proxy`, `machine.kubelet`: a Kubernetes config document of the same file replaces them).
 */
export function clusterEntries(ctx: DocContext, cluster: unknown, path: YamlPath, replaced: ReadonlySet<string> = new Set()): [Node | null | undefined, YamlPath][] {
  const out: [Node | null | undefined, YamlPath][] = [];
  for (const [component, node] of ctx.view.entries(cluster)) {
    const disabled = path.at(-1) === 'cluster' && DISABLABLE.has(component) && ctx.view.str(node, 'disabled') === 'true';
    if (!disabled && !replaced.has(`${String(path.at(-1))}.${component}`)) out.push([node, [...path, component]]);
  }
  return out;
}

/** Images (`machine.kubelet.image`, `cluster.apiServer.image`, ...) and mirrors of a Talos config or patch at `root`. */
export function extractTalosTree(ctx: DocContext, root: Node | null | undefined, basePath: YamlPath, format: FormatId, sink: Sink): void {
  if (extractK8sDocument(ctx, root, basePath, format === 'crd' ? 'crd' : 'talos', sink)) return;
  const scope = { format, workload: WORKLOAD };
  for (const [key, value] of ctx.view.entries(root)) {
    if (key === 'machine') extractValues(ctx, value, [...basePath, key], scope, sink);
    if (key !== 'cluster') continue;
    for (const [node, path] of clusterEntries(ctx, value, [...basePath, key])) extractValues(ctx, node, path, scope, sink);
    extractInlineManifests(ctx, value, sink);
  }
  extractTalosMirrors(ctx, sink, root, basePath);
}

/** `/machine/registries/mirrors/docker.io` as keys (RFC 6901: `~1` is `/`, `~0` is `~`). */
function pointer(path: string): string[] {
  return path.split('/').slice(1).map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * A Talos RFC 6902 patch: each `add` / `replace` op's `value`, read as what sits at its `path`:
 * an image string (`/machine/install/image`), a subtree with images, or registry mirrors.
 */
export function extractTalosJsonPatch(ctx: DocContext, list: Node | null | undefined, basePath: YamlPath, format: FormatId, sink: Sink): void {
  for (const [index, op] of ctx.view.items(list)) {
    const kind = ctx.view.str(op, 'op');
    const value = ctx.view.get(op, 'value');
    const path = ctx.view.str(op, 'path');
    if ((kind !== 'add' && kind !== 'replace') || !value || !path) continue;
    const keys = pointer(path);
    const valuePath = [...basePath, index, 'value'];
    const last = keys.at(-1) ?? '';
    if (isImageKey(last) && stringValue(ctx, value) !== undefined) {
      const occ = fromString(ctx, value, valuePath, { format, workload: WORKLOAD });
      if (occ) sink.occurrences.push(occ);
      continue;
    }
    extractValues(ctx, value, valuePath, { format, workload: WORKLOAD }, sink);
    const at = keys.join('/');
    if (at === 'machine') extractMirrorMap(ctx, ctx.view.at(value, ['registries', 'mirrors']), [...valuePath, 'registries', 'mirrors'], sink);
    else if (at === 'machine/registries') extractMirrorMap(ctx, ctx.view.get(value, 'mirrors'), [...valuePath, 'mirrors'], sink);
    else if (at === 'machine/registries/mirrors') extractMirrorMap(ctx, value, valuePath, sink);
    else if (keys.length === 4 && at.startsWith('machine/registries/mirrors/')) extractMirror(ctx, keys[3]!, value, valuePath, sink);
  }
}
