import { parseAllDocuments } from 'yaml';
import { templatedReason } from '../common/templated.js';
import type { DocContext, Sink } from '../types.js';
import { COMPONENTS, impliedOccurrence } from './kubernetes.js';
import { plainLookup, replacesComponent } from './k8s-documents.js';
import { configPatchesOf } from './omni-config-patches.js';
import { omniFilePatch } from './omni-files.js';
import { plainAt, readPatchFile } from './patch-files.js';

const FACTORY_DETAIL =
  "Omni installs the Image Factory installer of each machine's schematic (its system extensions), whose ID imagepin does not compute; " +
  'the installer path (installer/ or <platform>-installer/) depends on the Omni release and platform';

/**
 * The patches of one template document, as plain objects: an `inline` map, every document of an
 * inline YAML string, and every document of a `file:` patch as the scan read it (omni-files.ts).
 */
function inlinePatches(ctx: DocContext, doc: unknown): unknown[] {
  const patches = plainAt(doc, ['patches']);
  if (!Array.isArray(patches)) return [];
  return patches.flatMap((p) => {
    const inline = plainAt(p, ['inline']);
    const file = plainAt(p, ['file']);
    if (typeof file === 'string') return omniFilePatch(ctx, file) ?? [];
    return typeof inline === 'string' ? readPatchFile(inline) : [inline];
  });
}

/**
 * The patches of the template's Cluster, ControlPlane and Workers documents (other documents of the
 * file, read again as plain data), with the Omni ConfigPatches resources the scan found for the
 * cluster and those machine sets (omni-config-patches.ts).
 */
function templatePatches(ctx: DocContext, text: string, cluster: string): { cluster: unknown[]; controlPlane: unknown[]; workers: unknown[][] } {
  const out = { cluster: configPatchesOf(ctx.omniConfigPatches, cluster), controlPlane: configPatchesOf(ctx.omniConfigPatches, cluster, `${cluster}-control-planes`), workers: [] as unknown[][] };
  try {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) continue;
      const data: unknown = doc.toJS({ maxAliasCount: 100 });
      const kind = plainAt(data, ['kind']);
      if (kind === 'Cluster') out.cluster.push(...inlinePatches(ctx, data));
      else if (kind === 'ControlPlane') out.controlPlane.push(...inlinePatches(ctx, data));
      else if (kind === 'Workers') {
        const name = plainAt(data, ['name']);
        out.workers.push([...inlinePatches(ctx, data), ...configPatchesOf(ctx.omniConfigPatches, cluster, `${cluster}-${typeof name === 'string' ? name : 'workers'}`)]);
      }
    }
  } catch {
    // Unreadable as plain data: no patch is known, so every default image stays reported.
  }
  return out;
}

/** True when one of the patches sets the component's image or disables it (k8s-documents.ts). */
function replaced(patches: unknown[], field: readonly string[]): boolean {
  return patches.some((p) => replacesComponent(plainLookup(p), field));
}

/**
 * An Omni cluster template's `kind: Cluster`: Omni generates each machine's config with the
 * Kubernetes images of `kubernetes.version` (kubelet on every machine; API server, controller
 * manager, scheduler and kube-proxy on the control plane) and installs Talos from the Image
 * Factory installer of `talos.version`. An image a patch of the template sets (Cluster, or the
 * ControlPlane / every Workers set for the kubelet) is reported from the patch instead; a patch
 * with `cluster.proxy.disabled: true` removes kube-proxy. Shape `implied`, one occurrence per image.
 */
export function extractOmniImplied(ctx: DocContext, sink: Sink): void {
  const root = ctx.view.doc.contents;
  const workload = { kind: 'OmniCluster', name: ctx.view.str(root, 'name') ?? 'cluster' };
  const patches = templatePatches(ctx, ctx.view.text, ctx.view.str(root, 'name') ?? '');
  const version = (path: string[]) => {
    const node = ctx.view.at(root, path);
    const written = ctx.view.string(node);
    const scalar = node ? ctx.view.scalar(node) : undefined;
    return written && scalar ? { written, scalar, tag: templatedReason(written) ? written : `v${written.replace(/^v/, '')}` } : undefined;
  };
  const k8s = version(['kubernetes', 'version']);
  const machineSets = [patches.controlPlane, ...patches.workers];
  for (const c of k8s ? COMPONENTS : []) {
    if (!k8s || replaced(patches.cluster, c.field)) continue;
    if (c.controlPlaneOnly ? replaced(patches.controlPlane, c.field) : machineSets.every((set) => replaced(set, c.field))) continue;
    const raw = `${c.repository}:${k8s.tag}`;
    const note = `Omni writes ${raw} as ${[...c.field, 'image'].join('.')}: the image of kubernetes.version`;
    sink.occurrences.push(impliedOccurrence(ctx, { raw, path: ['kubernetes', 'version'], scalar: k8s.scalar, written: k8s.written, workload, note }));
  }
  const talos = version(['talos', 'version']);
  if (!talos || replaced(patches.cluster, ['machine', 'install'])) return;
  const raw = `factory.talos.dev/installer/<schematic ID>:${talos.tag}`;
  const occ = impliedOccurrence(ctx, { raw, path: ['talos', 'version'], scalar: talos.scalar, written: talos.written, workload, note: `Omni installs ${raw}: the Image Factory installer at talos.version` });
  const templated = templatedReason(talos.written);
  delete occ.reference;
  occ.skipReason = 'templated';
  occ.skipDetail = templated ? `${templated}; ${FACTORY_DETAIL}` : FACTORY_DETAIL;
  sink.occurrences.push(occ);
}
