import { isMap, isSeq, type Node } from 'yaml';
import type { MetadataWrites } from '../../model/layers.js';
import type { DocContext } from '../types.js';
import { pointerPath } from './pointer.js';

const WHATS = ['labels', 'annotations'] as const;

/** A strategic-merge patch's `metadata.labels` / `annotations`: a value sets a key, `null` removes it. */
function strategicMerge(ctx: DocContext, root: Node, out: MetadataWrites): void {
  const metadata = ctx.view.get(root, 'metadata');
  for (const what of WHATS) {
    const node = ctx.view.get(metadata, what);
    if (node === undefined) continue;
    if (!ctx.view.map(node)) {
      out.unknown ??= `writes its ${what} as something other than a map`;
      continue;
    }
    for (const [key, value] of ctx.view.entries(node)) {
      const text = ctx.view.string(value);
      const nulled = value === null || ctx.view.scalar(value) !== undefined && text === undefined;
      if (text !== undefined) out[what][key] = text;
      else if (nulled) out[what][key] = null;
      else out.unknown ??= `writes ${what.slice(0, -1)} ${key} as no single value`;
    }
  }
}

/** RFC 6902 ops under `/metadata/labels/<key>` (or annotations): add/replace set it, remove removes it; anything wider is unknown. */
function jsonPatch(ctx: DocContext, root: Node, out: MetadataWrites): void {
  for (const [, op] of ctx.view.items(root)) {
    const verb = ctx.view.str(op, 'op');
    const pointer = pointerPath(ctx.view.str(op, 'path') ?? '');
    const from = pointerPath(ctx.view.str(op, 'from') ?? '');
    if (verb === 'test' || !pointer) continue;
    if ((verb === 'move' || verb === 'copy') && from?.[0] === 'metadata' && pointer[0] !== 'metadata') out.unknown ??= `moves its metadata with ${verb}`;
    if (pointer[0] !== 'metadata') continue;
    const what = WHATS.find((w) => w === pointer[1]);
    if (pointer.length === 1 || (what && pointer.length === 2)) {
      out.unknown ??= `writes ${what ? `its ${what}` : 'its metadata'} as a whole (${verb} ${ctx.view.str(op, 'path')})`;
      continue;
    }
    if (!what || pointer.length !== 3) continue;
    const key = String(pointer[2]);
    const text = ctx.view.string(ctx.view.get(op, 'value'));
    if (verb === 'remove') out[what][key] = null;
    else if ((verb === 'add' || verb === 'replace') && text !== undefined) out[what][key] = text;
    else out.unknown ??= `writes ${what.slice(0, -1)} ${key} with ${verb}${verb === 'add' || verb === 'replace' ? ' and no single value' : ''}`;
  }
}

/** The labels and annotations one patch document writes; undefined when it writes none. */
export function metadataWrites(ctx: DocContext, root: Node | null | undefined): MetadataWrites | undefined {
  if (!root || (!isMap(root) && !isSeq(root))) return undefined;
  const own: MetadataWrites['own'] = { json: isSeq(root) };
  if (isMap(root)) {
    for (const [key, value] of [['kind', ctx.view.str(root, 'kind')], ['name', ctx.view.str(root, 'metadata', 'name')], ['namespace', ctx.view.str(root, 'metadata', 'namespace')]] as const) if (value) own[key] = value;
  }
  const out: MetadataWrites = { own, labels: {}, annotations: {} };
  if (isSeq(root)) jsonPatch(ctx, root, out);
  else strategicMerge(ctx, root, out);
  return out.unknown || Object.keys(out.labels).length || Object.keys(out.annotations).length ? out : undefined;
}
