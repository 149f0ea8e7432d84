import type { Node } from 'yaml';
import type { MirrorConfig, MirrorEndpoint } from '../../model/file-result.js';
import type { YamlPath } from '../../model/position.js';
import { replacedFields } from '../talos/k8s-documents.js';
import type { DocContext, Sink } from '../types.js';

function bool(ctx: DocContext, node: Node | null | undefined, key: string): boolean | undefined {
  const value = ctx.view.str(node, key);
  return value === undefined ? undefined : value === 'true';
}

/** Endpoints as Talos writes them: plain URL strings (v1alpha1) or `{url, overridePath}` maps (RegistryMirrorConfig). */
function endpoints(ctx: DocContext, list: Node | null | undefined, inheritedOverride: boolean | undefined): MirrorEndpoint[] {
  const found: MirrorEndpoint[] = [];
  for (const [, item] of ctx.view.items(list)) {
    if (!item) continue;
    const urlNode = ctx.view.string(item) !== undefined ? item : ctx.view.get(item, 'url');
    const url = ctx.view.string(urlNode);
    if (!url || !urlNode) continue;
    const endpoint: MirrorEndpoint = { url, span: ctx.view.span(urlNode) };
    const override = bool(ctx, item, 'overridePath') ?? inheritedOverride;
    if (override !== undefined) endpoint.overridePath = override;
    found.push(endpoint);
  }
  return found;
}

function mirror(ctx: DocContext, host: string, node: Node, path: YamlPath): MirrorConfig {
  const config: MirrorConfig = {
    file: ctx.file,
    source: 'talos',
    host,
    endpoints: endpoints(ctx, ctx.view.get(node, 'endpoints'), bool(ctx, node, 'overridePath')),
    path,
    span: ctx.view.span(node),
  };
  const skip = bool(ctx, node, 'skipFallback');
  if (skip !== undefined) config.skipFallback = skip;
  return config;
}

/**
 * Talos node mirror topology: `machine.registries.mirrors.<host>` in a v1alpha1 machine config or
 * patch, or a `RegistryMirrorConfig` document (Talos 1.12+), as data for the mirror rules. `root`
 * and `basePath` place a config written inside another document (talhelper, Omni patches).
 */
export function extractTalosMirrors(ctx: DocContext, sink: Sink, root: Node | null | undefined = ctx.view.doc.contents, basePath: YamlPath = []): void {
  // The document itself, or one written in a talhelper / Omni patch (basePath places it).
  if (ctx.view.str(root, 'kind') === 'RegistryMirrorConfig' && ctx.view.str(root, 'apiVersion') === 'v1alpha1') {
    const host = ctx.view.str(root, 'name');
    if (host && root) sink.mirrors.push(mirror(ctx, host, root, basePath));
    return;
  }
  const mirrorsPath = ['machine', 'registries', 'mirrors'];
  const mirrors = ctx.view.at(root, mirrorsPath);
  // A machine config's own RegistryMirrorConfig documents replace its mirrors of the same name (talos/k8s-documents.ts).
  const replaced = basePath.length === 0 && mirrors ? replacedFields(ctx.view.text) : undefined;
  extractMirrorMap(ctx, mirrors, [...basePath, ...mirrorsPath], sink, replaced);
}

/** The `mirrors` map of a Talos config: one mirror per host key (but those another document of the file replaces). */
export function extractMirrorMap(ctx: DocContext, mirrors: Node | null | undefined, path: YamlPath, sink: Sink, replaced?: ReadonlySet<string>): void {
  for (const [host, node] of ctx.view.entries(mirrors)) {
    if (node && !replaced?.has(`machine.registries.mirrors.${host}`)) sink.mirrors.push(mirror(ctx, host, node, [...path, host]));
  }
}

/** One mirror whose host is known from elsewhere (a JSON patch path `/machine/registries/mirrors/<host>`). */
export function extractMirror(ctx: DocContext, host: string, node: Node | null | undefined, path: YamlPath, sink: Sink): void {
  if (node && ctx.view.map(node)) sink.mirrors.push(mirror(ctx, host, node, path));
}
