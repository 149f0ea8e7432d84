import type { Node } from 'yaml';
import { parseAllDocuments } from 'yaml';
import type { YamlPath } from '../../model/position.js';
import { fromString } from '../common/build.js';
import type { DocContext, Sink } from '../types.js';
import { plainAt, plainPatchAt } from './patch-files.js';

/**
 * Talos's multi-document Kubernetes config kinds (siderolabs/talos `pkg/machinery/config/types/k8s`,
 * Talos 1.14), each with an `image` and the v1alpha1 field it replaces: Talos takes such a document
 * over the v1alpha1 field when a config has both. The three with `canDisable` have `enabled`
 * (default true); `enabled: false` runs nothing, whatever image is written.
 */
export const K8S_DOCUMENTS = [
  { kind: 'KubeletConfig', field: ['machine', 'kubelet'], canDisable: false },
  { kind: 'KubeAPIServerConfig', field: ['cluster', 'apiServer'], canDisable: false },
  { kind: 'KubeControllerManagerConfig', field: ['cluster', 'controllerManager'], canDisable: false },
  { kind: 'KubeSchedulerConfig', field: ['cluster', 'scheduler'], canDisable: true },
  { kind: 'KubeProxyConfig', field: ['cluster', 'proxy'], canDisable: true },
  { kind: 'KubeCoreDNSConfig', field: ['cluster', 'coreDNS'], canDisable: true },
] as const;

const BY_KIND = new Map<string, (typeof K8S_DOCUMENTS)[number]>(K8S_DOCUMENTS.map((d) => [d.kind, d]));

/** The document kind of `kind`, when it is one of Talos's Kubernetes config kinds. */
export const k8sDocument = (kind: unknown): (typeof K8S_DOCUMENTS)[number] | undefined => (typeof kind === 'string' ? BY_KIND.get(kind) : undefined);

/** What a patch document says at a path: its text (undefined for a map or list), or undefined when it says nothing there. */
export type PatchLookup = (path: readonly string[]) => { text: string | undefined } | undefined;

/**
 * True when a patch document replaces the component at `field` (`['cluster', 'proxy']`): it sets
 * `<field>.image`, or disables kube-proxy (`cluster.proxy.disabled: true`), or is the Kubernetes
 * config document of that component that sets an image or says `enabled: false`.
 */
export function replacesComponent(p: PatchLookup, field: readonly string[]): boolean {
  if (p([...field, 'image']) !== undefined) return true;
  if (field.join('.') === 'cluster.proxy' && p(['cluster', 'proxy', 'disabled'])?.text === 'true') return true;
  const doc = k8sDocument(p(['kind'])?.text);
  if (!doc || doc.field.join('.') !== field.join('.')) return false;
  return p(['image']) !== undefined || (doc.canDisable && p(['enabled'])?.text === 'false');
}

/** The lookup of a plain-data patch (a strategic-merge map, or an RFC 6902 op list: `plainPatchAt`). */
export const plainLookup = (data: unknown): PatchLookup => (path) => {
  const found = plainPatchAt(data, path);
  return found === undefined ? undefined : { text: typeof found === 'object' && found !== null ? undefined : String(found) };
};

/**
 * The v1alpha1 fields (`cluster.proxy`, `machine.kubelet`, ...) that other documents of the same
 * file replace: a Kubernetes config document of the matching kind, whether it sets an image or
 * disables the component, and `machine.registries.mirrors.<name>` for a RegistryMirrorConfig.
 * Never throws: text that does not parse replaces nothing.
 */
export function replacedFields(text: string): Set<string> {
  const out = new Set<string>();
  if (!text.includes('Config')) return out; // every kind that replaces a field ends in Config
  try {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) continue;
      const data: unknown = doc.toJS({ maxAliasCount: 100 });
      if (plainAt(data, ['apiVersion']) !== 'v1alpha1') continue;
      const found = k8sDocument(plainAt(data, ['kind']));
      if (found) out.add(found.field.join('.'));
      // Talos takes a RegistryMirrorConfig over the v1alpha1 mirror of the same registry name.
      const name = plainAt(data, ['name']);
      if (plainAt(data, ['kind']) === 'RegistryMirrorConfig' && typeof name === 'string') out.add(`machine.registries.mirrors.${name}`);
    }
  } catch {
    // Unreadable as plain data: no field is known to be replaced, so every image stays reported.
  }
  return out;
}

/**
 * The image of a Kubernetes config document at `root` (a file's own document, or one written in a
 * talhelper / Omni patch): reported unless the document says `enabled: false`.
 */
export function extractK8sDocument(ctx: DocContext, root: Node | null | undefined, basePath: YamlPath, format: 'crd' | 'talos', sink: Sink): boolean {
  const found = k8sDocument(ctx.view.str(root, 'kind'));
  if (!found || ctx.view.str(root, 'apiVersion') !== 'v1alpha1') return false;
  if (found.canDisable && ctx.view.str(root, 'enabled') === 'false') return true;
  const image = ctx.view.get(root, 'image');
  const occ = image && fromString(ctx, image, [...basePath, 'image'], { format, workload: { kind: 'TalosMachineConfig' } });
  if (occ) sink.occurrences.push(occ);
  return true;
}
