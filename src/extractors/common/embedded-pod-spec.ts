import { isScalar, Scalar, type Node } from 'yaml';
import type { Occurrence } from '../../model/occurrence.js';
import type { Scope } from './build.js';
import type { YamlPath } from '../../model/position.js';
import { embeddedDocuments } from '../../yaml/embedded.js';
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

/** The images of one document of the string, with paths of the spec inside it (not yet prefixed). */
function documentImages(ctx: DocContext, view: DocContext['view']): Occurrence[] {
  const inner: DocContext = { file: ctx.file, document: ctx.document, view, kind: 'Pod' };
  const spec = specPathOf(inner);
  if (!spec) return [];
  const sink = { occurrences: [] as Occurrence[], charts: [], mirrors: [], repositories: [], diagnostics: [] };
  extractPodSpec(inner, spec, sink);
  return sink.occurrences;
}

/**
 * The images of pod specs written inside a block string (a ConfigMap's `data`, a Secret's
 * `stringData`, app-template's `configMaps.<x>.data`), as a forgejo or Actions runner keeps its job
 * pods' specs (decisions 59, 66). Only a block string whose YAML is shaped as a pod spec counts
 * (`containers` list items with an `image`, at the root or under `spec`); a string that does not
 * parse, or has another shape, gives nothing and no diagnostic. Every document of the string is
 * read: the first one's paths are the string's, then the spec's inside it; a later one's have a
 * segment `---N` (N counted from 1 for the second) between them. Positions are the file's (exact for `|`).
 */
export function embeddedPodSpecImages(ctx: DocContext, node: Node | null | undefined, path: YamlPath, scope: Scope): Occurrence[] {
  if (!mayHoldPodSpec(node)) return [];
  const { views } = embeddedDocuments(ctx.view, ctx.file, node);
  const key = String(path[path.length - 1]);
  const out: Occurrence[] = [];
  views.forEach((view, index) => {
    const base: YamlPath = index === 0 ? path : [...path, `---${index}`];
    const prefix = (p: YamlPath): YamlPath => [...base, ...p];
    const where = index === 0 ? key : `${key} (its document ${index + 1})`;
    for (const occ of documentImages(ctx, view)) {
      occ.path = prefix(occ.path);
      for (const part of Object.values(occ.parts)) if (part) part.path = prefix(part.path);
      for (const slot of Object.values(occ.slots ?? {})) if (slot) slot.path = prefix(slot.path);
      if (occ.pullPolicy) occ.pullPolicy.path = prefix(occ.pullPolicy.path);
      occ.format = scope.format;
      if (scope.owner) occ.owner = scope.owner;
      occ.workload = { kind: 'Pod', ...(occ.workload?.container && { container: occ.workload.container }) };
      occ.notes = [...(occ.notes ?? []), `a pod spec held in the string ${where}, which a program (such as a CI runner) reads to create pods; it is not applied as written`];
      out.push(occ);
    }
  });
  return out;
}
