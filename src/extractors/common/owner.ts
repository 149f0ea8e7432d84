import type { Node } from 'yaml';
import type { ChartRef } from '../../model/file-result.js';
import type { FormatId, Owner } from '../../model/occurrence.js';
import type { YamlPath } from '../../model/position.js';
import type { DocContext } from '../types.js';

/** The owner of everything in a document: its kind, name and namespace, plus chart facts given. */
export function ownerOf(ctx: DocContext, extra: Partial<Owner> = {}, metadata: Node | null | undefined = ctx.view.get(ctx.view.doc.contents, 'metadata')): Owner {
  const owner: Owner = { kind: ctx.kind ?? 'unknown' };
  const name = ctx.view.str(metadata, 'name');
  const namespace = ctx.view.str(metadata, 'namespace');
  if (name) owner.name = name;
  if (namespace) owner.namespace = namespace;
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== '') (owner as unknown as Record<string, string>)[key] = value;
  return owner;
}

/** Plain data of a values node (aliases expanded with a cap); undefined when it cannot be read. */
export function valuesData(ctx: DocContext, node: Node | null | undefined): unknown {
  if (!node) return undefined;
  try {
    return ctx.view.toJS(node, 100);
  } catch {
    return undefined;
  }
}

/** A chart (or git / OCI source) reference, with the node of its version for rules and fixers. */
export function chartRef(ctx: DocContext, format: FormatId, type: ChartRef['type'], node: Node, path: YamlPath, owner: Owner, versionNode?: Node | null): ChartRef {
  const ref: ChartRef = { file: ctx.file, document: ctx.document, format, type, path, owner, span: ctx.view.span(node) };
  if (owner.chart) ref.chart = owner.chart;
  if (owner.repoURL) ref.repoURL = owner.repoURL;
  if (owner.version) ref.version = owner.version;
  const scalar = versionNode ? ctx.view.scalar(versionNode) : undefined;
  if (scalar) ref.versionNode = scalar;
  return ref;
}
