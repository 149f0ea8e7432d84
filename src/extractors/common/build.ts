import { isScalar, type Node } from 'yaml';
import { parseReference } from '../../model/reference.js';
import type { FormatId, NumericTag, Occurrence, Owner, Part, PartName, PullPolicy, ShapeKind, Workload } from '../../model/occurrence.js';
import type { YamlPath } from '../../model/position.js';
import type { DocContext } from '../types.js';
import { valueSpan } from './spans.js';
import { templatedReason } from './templated.js';

/** What the caller knows about an occurrence beyond the reference itself. */
export interface Scope {
  format: FormatId;
  workload?: Workload;
  owner?: Owner;
  pullPolicy?: PullPolicy;
  notes?: string[];
}

type Optional = Node | null | undefined;

/** A string-typed scalar's value; numbers, booleans and nulls are not image references. */
export function stringValue(ctx: DocContext, node: Optional): string | undefined {
  const n = ctx.view.deref(node);
  return isScalar(n) && typeof n.value === 'string' ? n.value : undefined;
}

/** The pull policy written at `key` of a map, with its position. */
export function pullPolicyAt(ctx: DocContext, map: Optional, mapPath: YamlPath, keys: string[]): PullPolicy | undefined {
  for (const key of keys) {
    const node = ctx.view.get(map, key);
    const value = stringValue(ctx, node);
    if (value !== undefined && node) return { value, path: [...mapPath, key], span: ctx.view.span(node) };
  }
  return undefined;
}

function base(ctx: DocContext, path: YamlPath, shape: ShapeKind, raw: string, scope: Scope): Occurrence {
  const occ: Occurrence = { file: ctx.file, format: scope.format, document: ctx.document, path, shape, raw, parts: {} };
  if (scope.workload) occ.workload = scope.workload;
  if (scope.owner) occ.owner = scope.owner;
  if (scope.pullPolicy) occ.pullPolicy = scope.pullPolicy;
  if (scope.notes?.length) occ.notes = [...scope.notes];
  return occ;
}

/** Marks an occurrence templated (with `templated` as the reason, by default what `raw` shows) or invalid, or sets its normalised reference. */
export function classify(occ: Occurrence, raw: string, templated: string | undefined = templatedReason(raw)): ReturnType<typeof parseReference> | undefined {
  if (templated) {
    occ.skipReason = 'templated';
    occ.skipDetail = templated;
    return undefined;
  }
  const parsed = parseReference(raw);
  if (parsed.ok) occ.reference = parsed.ref;
  else {
    occ.skipReason = 'invalid-reference';
    occ.skipDetail = parsed.reason;
  }
  return parsed;
}

/**
 * An occurrence written as one string (`repo:tag@digest`). `text` overrides the scalar's value
 * when only part of it is the reference (Argo `name=ref`); `offset` is where that part starts.
 */
export function fromString(ctx: DocContext, node: Node, path: YamlPath, scope: Scope, shape: ShapeKind = 'string', text?: string, offset = 0): Occurrence | undefined {
  const full = stringValue(ctx, node);
  const scalar = ctx.view.scalar(node);
  if (full === undefined || !scalar) return undefined;
  const raw = text ?? full;
  if (raw.trim() === '') return undefined;
  const occ = base(ctx, path, shape, raw, scope);
  const part = (from: number, to: number): Part => ({ path, node: scalar, span: valueSpan(ctx.view, scalar, full, offset + from, offset + to) });
  occ.parts.image = part(0, raw.length);
  const parsed = classify(occ, raw);
  if (parsed?.ok) {
    occ.parts.repository = part(...parsed.offsets.name);
    if (parsed.offsets.tag) occ.parts.tag = part(...parsed.offsets.tag);
    if (parsed.offsets.digest) occ.parts.digest = part(...parsed.offsets.digest);
  }
  return occ;
}

/** One field of a reference written in its own scalar. */
export interface Field {
  node: Node;
  path: YamlPath;
}

function numericTag(ctx: DocContext, field: Field | undefined): NumericTag | undefined {
  const n = field && ctx.view.deref(field.node);
  if (!isScalar(n) || typeof n.value !== 'number' || n.source === undefined) return undefined;
  return { source: n.source, asNumber: String(n.value) };
}

/**
 * An occurrence written as separate fields. The tag of an unquoted number keeps its source text
 * (`3.10`), and `numericTag` records what YAML turns it into.
 */
export function fromFields(ctx: DocContext, fields: Partial<Record<Exclude<PartName, 'image'>, Field>>, path: YamlPath, scope: Scope, shape: ShapeKind = 'fields'): Occurrence | undefined {
  const text = (name: Exclude<PartName, 'image'>): string => {
    const field = fields[name];
    return field ? (ctx.view.string(field.node) ?? '').trim() : '';
  };
  // A Flux OCIRepository url carries its scheme; the repository is what follows it.
  const repository = text('repository').replace(/^oci:\/\//, '');
  if (!repository) return undefined;
  const registry = text('registry');
  const tag = text('tag');
  const digest = text('digest');
  const name = registry ? `${registry.replace(/\/+$/, '')}/${repository}` : repository;
  // Some values write the digest twice: in the tag (`v1@sha256:...`) and in `digest` beside it.
  const tagDigest = tag.includes('@') ? tag.slice(tag.indexOf('@') + 1) : '';
  const repeated = digest !== '' && tagDigest === digest;
  const raw = `${name}${tag ? `:${tag}` : ''}${digest && !repeated ? `@${digest}` : ''}`;
  const occ = base(ctx, path, shape, raw, scope);
  if (repeated) occ.notes = [...(occ.notes ?? []), `the tag already carries the digest written at ${fields.digest!.path.join('.')}`];
  for (const key of ['registry', 'repository', 'tag', 'digest'] as const) {
    const field = fields[key];
    const scalar = field && ctx.view.scalar(field.node);
    if (!field || !scalar) continue;
    const part = { path: field.path, node: scalar, span: valueSpan(ctx.view, scalar, ctx.view.string(field.node) ?? '') };
    if (key !== 'repository' && !text(key)) {
      if ((key === 'tag' || key === 'digest') && (scalar.style === 'single' || scalar.style === 'double')) occ.slots = { ...occ.slots, [key]: part };
      continue;
    }
    occ.parts[key] = part;
  }
  const numeric = numericTag(ctx, fields.tag);
  if (numeric) occ.numericTag = numeric;
  classify(occ, raw);
  if (tagDigest && digest && !repeated) {
    occ.skipReason = 'invalid-reference';
    occ.skipDetail = `the tag carries the digest ${tagDigest} and ${fields.digest!.path.join('.')} is ${digest}: which one the chart uses is not known`;
  }
  return occ;
}
