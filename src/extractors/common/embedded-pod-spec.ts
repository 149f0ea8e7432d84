import { isScalar, Scalar, type Node } from 'yaml';
import type { Occurrence } from '../../model/occurrence.js';
import type { Scope } from './build.js';
import type { YamlPath } from '../../model/position.js';
import { embeddedYaml } from '../../yaml/embedded.js';
import { extractPodSpec } from '../kubernetes/pod-spec.js';
import type { DocContext } from '../types.js';

/** Cheap test before parsing: a pod spec string has a line starting with `containers:` (at the root or under `spec:`). */
const LOOKS_LIKE = /^\s*containers:/m;

/** A block string (`|` or `>`) that names a container list: worth parsing as a pod spec. */
export function mayHoldPodSpec(node: unknown): node is Scalar<string> {
  return isScalar(node) && typeof node.value === 'string' && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) && LOOKS_LIKE.test(node.value);
}

/** Where the string's document keeps its pod spec: at its root (`containers:`) or under `spec:` (a pod or pod template). */
function specPathOf(ctx: DocContext): YamlPath | undefined {
  const root = ctx.view.doc.contents;
  for (const path of [[], ['spec']] as YamlPath[]) {
    const containers = ctx.view.seq(ctx.view.at(root, [...path, 'containers']));
    if (containers?.items.some((item) => ctx.view.string(ctx.view.get(item, 'image')) !== undefined)) return path;
  }
  return undefined;
}

/**
 * The images of a pod spec written inside a block string (a ConfigMap's `data`, app-template's
 * `configMaps.<x>.data`), as a forgejo or Actions runner keeps its job pods' specs (decision 59).
 * Only a block string whose YAML is shaped as a pod spec counts (`containers` list items with an
 * `image`, at the root or under `spec`); a string that does not parse, or has another shape, gives
 * nothing and no diagnostic; only the string's first document is read. Paths are the string's,
 * then the spec's inside it; positions are the file's (exact for `|`).
 */
export function embeddedPodSpecImages(ctx: DocContext, node: Node | null | undefined, path: YamlPath, scope: Scope): Occurrence[] {
  if (!mayHoldPodSpec(node)) return [];
  const { view } = embeddedYaml(ctx.view, ctx.file, node);
  if (!view) return [];
  const inner: DocContext = { file: ctx.file, document: ctx.document, view, kind: 'Pod' };
  const spec = specPathOf(inner);
  if (!spec) return [];
  const sink = { occurrences: [] as Occurrence[], charts: [], mirrors: [], repositories: [], diagnostics: [] };
  extractPodSpec(inner, spec, sink);
  const key = String(path[path.length - 1]);
  const prefix = (p: YamlPath): YamlPath => [...path, ...p];
  const out: Occurrence[] = [];
  for (const occ of sink.occurrences) {
    occ.path = prefix(occ.path);
    for (const part of Object.values(occ.parts)) if (part) part.path = prefix(part.path);
    for (const slot of Object.values(occ.slots ?? {})) if (slot) slot.path = prefix(slot.path);
    if (occ.pullPolicy) occ.pullPolicy.path = prefix(occ.pullPolicy.path);
    occ.format = scope.format;
    if (scope.owner) occ.owner = scope.owner;
    occ.workload = { kind: 'Pod', ...(occ.workload?.container && { container: occ.workload.container }) };
    occ.notes = [...(occ.notes ?? []), `a pod spec held in the string ${key}, which a program (such as a CI runner) reads to create pods; it is not applied as written`];
    out.push(occ);
  }
  return out;
}
