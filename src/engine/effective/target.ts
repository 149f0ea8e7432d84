import type { ImagePatch, MetadataAdds, ObjectMeta, PatchTarget } from '../../model/layers.js';
import { templatedReason } from '../../extractors/common/templated.js';
import { parseSelector, selectorMatches } from './selector.js';
import { effectiveNamespace, idsOf, type NameChange, type ObjectId } from './names.js';

/** An object's metadata as a patch sees it: as written, with the labels and annotations of the kustomizations that ran before. */
export interface ObjectFacts {
  apiVersion?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** Why its labels or annotations are not known. */
  unknown?: string;
  /** The namespace and prefix/suffix transformers that ran before, inner first (its name and namespace as the patch sees them). */
  renames?: NameChange[];
}

/** The facts of an object as written. */
export function factsOf(meta: ObjectMeta | undefined): ObjectFacts {
  if (!meta) return { labels: {}, annotations: {}, unknown: 'the labels and annotations of the object were not read' };
  const facts: ObjectFacts = { labels: meta.labels ?? {}, annotations: meta.annotations ?? {} };
  if (meta.apiVersion) facts.apiVersion = meta.apiVersion;
  if (meta.unknown) facts.unknown = `the object's ${meta.unknown.replace(/^its /, '')}`;
  return facts;
}

/** The facts after a kustomization's namespace, prefix/suffix, labels and annotations transformers (they run after its strategic-merge patches and `patches`). */
export function withAdds(facts: ObjectFacts, adds: MetadataAdds | undefined, rename?: NameChange): ObjectFacts {
  if (!adds && !rename) return facts;
  const out: ObjectFacts = adds ? { ...facts, labels: { ...facts.labels, ...adds.labels }, annotations: { ...facts.annotations, ...adds.annotations } } : { ...facts };
  if (adds?.unknown) out.unknown ??= adds.unknown;
  if (rename) out.renames = [...(facts.renames ?? []), rename];
  return out;
}

// Syntax RE2 (kustomize's Go regexp) and JavaScript read differently, or only one of them reads: lookaround,
// back-references, inline flags, POSIX classes, \A \z \Q \p, named groups written (?P<.
const UNLIKE = /\(\?[=!<][=!]?|\(\?[a-zA-Z-]+[):]|\(\?P<|\\[1-9ApPzQEC]|\[\[:/;
const REGEX = /[\\^$.*+?()[\]{}|]/;

/** A target field against the object's value: kustomize's `^(?:pattern)$`. True, false, or why it cannot be told. */
function fieldMatches(pattern: string, value: string | undefined, what: string): boolean | string {
  const templated = templatedReason(pattern);
  if (templated) return `the patch target's ${what} ${pattern} is templated: ${templated}`;
  if (value === undefined) return `the object has no ${what} written, so whether the patch target's ${what} ${pattern} selects it is not known`;
  if (!REGEX.test(pattern)) return pattern === value;
  if (UNLIKE.test(pattern)) return `the patch target's ${what} ${pattern} uses regular-expression syntax imagepin does not evaluate as Go does`;
  try {
    return new RegExp(`^(?:${pattern})$`).test(value);
  } catch {
    return `the patch target's ${what} ${pattern} is not a regular expression imagepin can read`;
  }
}

/** Group and version of an apiVersion (`apps/v1`; the core group is empty: `v1`). */
function groupVersion(apiVersion: string | undefined): { group?: string; version?: string } {
  if (apiVersion === undefined) return {};
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

function selectorMatch(text: string, values: Record<string, string>, what: 'labelSelector' | 'annotationSelector', facts: ObjectFacts): boolean | string {
  const templated = templatedReason(text);
  if (templated) return `the patch target's ${what} ${text} is templated: ${templated}`;
  const selector = parseSelector(text);
  if (typeof selector === 'string') return `the patch target's ${what} is not valid (${selector}), so kustomize fails there`;
  if (facts.unknown) return `the patch target selects by ${what} ${text}, and ${facts.unknown}`;
  return selectorMatches(selector, values);
}

/** What a patch names itself: an RFC 6902 patch nothing, a strategic-merge patch its object's kind, name and namespace. */
export interface PatchOwn {
  json: boolean;
  kind?: string;
  name?: string;
  namespace?: string;
}

/** The object an image is in, as a patch target compares it: a workload, or the HelmRelease whose values hold it. */
export interface PatchedObject {
  kind?: string;
  name?: string;
  namespace?: string;
}

/** Any of several answers: true when one holds, else the first reason, else false. */
function anyOf(answers: (boolean | string)[]): boolean | string {
  if (answers.includes(true)) return true;
  return answers.find((a): a is string => typeof a === 'string') ?? false;
}

/** A target's `name`/`namespace` against the object's original id and its current one (kustomize's `Select` tries both). */
function idField(pattern: string, ids: ObjectId[], what: 'name' | 'namespace'): boolean | string {
  const value = (id: ObjectId): string | undefined => (what === 'namespace' ? effectiveNamespace(id.namespace) : id.name);
  const ends = ids.length > 1 ? [ids[0]!, ids.at(-1)!] : ids;
  return anyOf(ends.map((id) => fieldMatches(pattern, value(id), what)));
}

/** A strategic-merge patch without a target: kustomize looks its own id up among every id the object has had (`GetById`), namespaces compared as effective. */
function ownId(own: PatchOwn, ids: ObjectId[]): boolean | string {
  return anyOf(ids.map((id) => {
    if (id.name === undefined) return `the object has no name written, so whether the strategic-merge patch's name ${own.name} selects it is not known`;
    return id.name === own.name && effectiveNamespace(id.namespace) === effectiveNamespace(own.namespace);
  }));
}

/** Whether a patch's object (its `target:`, else the strategic-merge patch's own kind and name) is this object. */
export function selects(target: PatchTarget | undefined, own: PatchOwn, object: PatchedObject, facts: ObjectFacts): boolean | string {
  if (!target && own.json) return 'the RFC 6902 patch has no target, which kustomize needs to know what it patches';
  if (!target && (!own.kind || !own.name)) return 'the strategic-merge patch names no kind and name and has no target, so what it patches is not known';
  const kind = object.kind === 'unknown' ? undefined : object.kind;
  const ids = idsOf({ ...(object.name !== undefined && { name: object.name }), ...(object.namespace !== undefined && { namespace: object.namespace }) }, facts.renames ?? []);
  const actual: Partial<Record<'group' | 'version' | 'kind', string>> = { ...groupVersion(facts.apiVersion), kind };
  const checks: (boolean | string)[] = [];
  if (target) {
    for (const k of ['group', 'version', 'kind'] as const) if (target[k] !== undefined && target[k] !== '') checks.push(fieldMatches(target[k], actual[k], k));
    for (const k of ['name', 'namespace'] as const) if (target[k] !== undefined && target[k] !== '') checks.push(idField(target[k], ids, k));
  } else {
    // Without a target, the strategic-merge patch's own kind (as written) and its name and namespace among the object's ids.
    checks.push(kind === undefined ? fieldMatches(own.kind!, undefined, 'kind') : own.kind === kind, ownId(own, ids));
  }
  if (target?.annotationSelector) checks.push(selectorMatch(target.annotationSelector, facts.annotations, 'annotationSelector', facts));
  if (target?.labelSelector) checks.push(selectorMatch(target.labelSelector, facts.labels, 'labelSelector', facts));
  if (checks.includes(false)) return false;
  return checks.find((c): c is string => typeof c === 'string') ?? true;
}

function written(map: Record<string, string>, writes: Record<string, string | null>): Record<string, string> {
  const out = { ...map };
  for (const [key, value] of Object.entries(writes)) {
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** The facts after a patch that writes labels or annotations, when it selects the object: the selectors of later patches see them. */
export function withWrites(facts: ObjectFacts, patch: Pick<ImagePatch, 'meta' | 'target' | 'line'>, object: PatchedObject, file: string): ObjectFacts {
  const meta = patch.meta;
  if (!meta) return facts;
  const selected = selects(patch.target, meta.own, object, facts);
  if (selected === false) return facts;
  const where = `${file} line ${patch.line}`;
  if (typeof selected === 'string') return { ...facts, unknown: facts.unknown ?? `the patch at ${where} writes labels or annotations, and whether it selects the object is not known (${selected})` };
  const out: ObjectFacts = { ...facts, labels: written(facts.labels, meta.labels), annotations: written(facts.annotations, meta.annotations) };
  if (meta.unknown) out.unknown ??= `the patch at ${where} ${meta.unknown}`;
  return out;
}
