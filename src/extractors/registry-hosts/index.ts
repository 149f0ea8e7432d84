import type { Node } from 'yaml';
import type { RegistryHost } from '../../model/file-result.js';
import type { YamlExtractor } from '../types.js';
import type { DocContext, Sink } from '../types.js';

/** Service names of the registries imagepin knows (Harbor, distribution, zot, Quay, Nexus). */
const REGISTRY_SERVICE = /(?:^|-)(?:harbor|registry|zot|quay|nexus)(?:-|$)/;

function hostOf(url: string): string | undefined {
  try {
    return new URL(url.includes('://') ? url : `https://${url}`).host || undefined;
  } catch {
    return undefined;
  }
}

function push(ctx: DocContext, sink: Sink, node: Node | null | undefined, source: string): void {
  const text = ctx.view.string(node);
  const host = text ? hostOf(text) : undefined;
  if (!host || !node) return;
  const found: RegistryHost = { file: ctx.file, host, source, span: ctx.view.span(node) };
  (sink.registryHosts ??= []).push(found);
}

/**
 * Harbor's chart values: `externalURL` beside `expose` (goharbor chart) or `exposureType` /
 * `ingress.core.hostname` (Bitnami chart), and those ingress hosts. These
 * are the names nodes use when they pull from Harbor, including Harbor's own images.
 */
export function harborHosts(ctx: DocContext, values: Node | null | undefined, sink: Sink): void {
  const harborShaped = ctx.view.map(ctx.view.get(values, 'expose')) !== undefined || ctx.view.get(values, 'exposureType') !== undefined || ctx.view.at(values, ['ingress', 'core', 'hostname']) !== undefined;
  if (!harborShaped || !ctx.view.get(values, 'externalURL')) return;
  push(ctx, sink, ctx.view.get(values, 'externalURL'), 'Harbor externalURL');
  push(ctx, sink, ctx.view.at(values, ['expose', 'ingress', 'hosts', 'core']), 'Harbor ingress host');
  push(ctx, sink, ctx.view.at(values, ['ingress', 'core', 'hostname']), 'Harbor ingress host');
}

/** The hosts of an Ingress whose backends are a registry's Service (`harbor-core`, `zot`, `docker-registry`). */
function ingressHosts(ctx: DocContext, sink: Sink): void {
  const spec = ctx.view.get(ctx.view.doc.contents, 'spec');
  for (const [, rule] of ctx.view.items(ctx.view.get(spec, 'rules'))) {
    const services = [...ctx.view.items(ctx.view.at(rule, ['http', 'paths']))].map(([, p]) => ctx.view.str(p, 'backend', 'service', 'name') ?? ctx.view.str(p, 'backend', 'serviceName') ?? '');
    const service = services.find((name) => REGISTRY_SERVICE.test(name));
    if (service) push(ctx, sink, ctx.view.get(rule, 'host'), `Ingress to ${service}`);
  }
}

export const registryHosts: YamlExtractor = {
  id: 'registry-hosts',
  description: 'Host names of the in-cluster registry: Ingress rules that route to a registry Service',
  prefilter: { words: ['Ingress'] },
  matches: (ctx) => ctx.kind === 'Ingress' && ctx.apiVersion?.startsWith('networking.k8s.io/') === true,
  extract: ingressHosts,
};
