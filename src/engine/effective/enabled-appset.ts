import { dirname, relative } from 'node:path/posix';
import { EXPRESSION } from '../../extractors/common/appset-expr.js';
import type { DisabledImage } from '../../model/file-result.js';
import type { GeneratorSpec } from '../../model/generators.js';
import type { ArgoHelmLayer, Located, ValueLeavesLayer } from '../../model/layers.js';
import { prepareApps } from './argo.js';
import type { Verdict } from './enabled.js';
import { argoVerdicts } from './enabled-layers.js';
import { MAX_ELEMENTS, type Expansion } from './generators.js';
import { render, type Params } from './template.js';
import { treePath } from './tree.js';

/** Applications tried per ApplicationSet source and image, at most: each templated value file multiplies them. */
const MAX_CHOICES = 64;

export type SetLayer = ArgoHelmLayer & { set: NonNullable<ArgoHelmLayer['set']> };

/**
 * A generator's elements as far as the tree alone tells them: a list's elements, a matrix's
 * product; any other generator gives one element with no parameters, so what it fills stays templated.
 */
function looseSets(spec: GeneratorSpec, file: string): Params[] {
  if (spec.kind === 'list') {
    return spec.elements.map((element, index) => Object.fromEntries(Object.entries(element.params).map(([key, leaf]) => (
      [key, { value: leaf.value, line: element.line, origin: { kind: 'applicationset-list', file, line: element.line, what: `list generator element ${index}` } }]
    ))));
  }
  if (spec.kind === 'matrix' && spec.children.length === 2) {
    const [a, b] = [looseSets(spec.children[0]!, file), looseSets(spec.children[1]!, file)];
    return a.length * b.length > MAX_ELEMENTS ? [{}] : a.flatMap((x) => b.map((y) => ({ ...y, ...x })));
  }
  return [{}];
}

/**
 * Decision 72: the Applications of an ApplicationSet source that `elementApps` could not make (an
 * element imagepin cannot make, a path or value file that stays templated, elements past the cap),
 * filled as far as the element goes. What stays templated is matched against the tree per image.
 */
export function looseApps(layer: SetLayer, expansion: Expansion): ArgoHelmLayer[] {
  if (layer.path === undefined && layer.valueFiles.length === 0 && layer.parameters.length === 0) return [];
  const gets = (generator: number): boolean => !layer.generators || layer.generators.includes(generator);
  const sets: { params: Params; made: boolean }[] = [];
  for (const element of expansion.elements) {
    if (!gets(element.generator)) continue;
    if ('unknown' in element) sets.push(...looseSets(layer.set.generators[element.generator]!, layer.file).map((params) => ({ params, made: false })));
    else sets.push({ params: element.params, made: true });
  }
  if (expansion.capped) layer.set.generators.forEach((spec, g) => gets(g) && sets.push(...looseSets(spec, layer.file).map((params) => ({ params, made: false }))));
  const out: ArgoHelmLayer[] = [];
  for (const { params, made } of sets) {
    const fill = (text: string): string => (text.includes('{{') ? render(text, params, layer.set.goTemplate, 'the element').text : text);
    const path = layer.path === undefined ? undefined : fill(layer.path);
    const valueFiles = layer.valueFiles.map((entry) => ({ ...entry, value: fill(entry.value) }));
    // An element whose path and value files are filled is one of elementApps' Applications already.
    if (made && ![path, ...valueFiles.map((v) => v.value)].some((text) => text?.includes('{{'))) continue;
    const parameters = layer.parameters.map((p) => ({ ...p, name: fill(p.name), value: fill(p.value) }));
    const app: ArgoHelmLayer = { ...layer, valueFiles, parameters, ...(path !== undefined && { path }) };
    delete app.set;
    delete app.generators;
    out.push(app);
  }
  return out;
}

/** A tree path written with template expressions, as a pattern: each expression may be any text. */
function pattern(text: string): RegExp {
  const parts = text.split(EXPRESSION).map((part, i) => (i % 2 ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${parts.join('')}$`);
}

const ancestors = (file: string): string[] => {
  const out: string[] = [];
  for (let dir = dirname(file); dir !== '.' && dir !== '/'; dir = dirname(dir)) out.push(dir);
  return out;
};

/** The tree's files, sorted, and (filled on use, for this pass) which of them each templated path names. */
export interface TreeFiles {
  files: readonly string[];
  matches: Map<string, string[]>;
  /** Why `files` is not the whole tree: a templated value file may then name a file imagepin does not have. */
  partial?: string;
}

/** Each templated value file's choices among the tree's files (`$ref/` kept), or the entry as written when none matches (a file not read). */
function entryChoices(entry: Located, dir: string | undefined, tree: TreeFiles): Located[] {
  if (!entry.value.includes('{{')) return [entry];
  const ref = /^\$([^/]+)\/(.*)$/.exec(entry.value);
  const full = ref ? treePath('.', ref[2]!) : dir === undefined ? undefined : treePath(dir, entry.value);
  if (full === undefined) return [entry];
  let found = tree.matches.get(full);
  if (!found) {
    const re = pattern(full);
    found = tree.files.filter((f) => re.test(f));
    tree.matches.set(full, found);
  }
  const named = found.map((f) => ({ ...entry, value: ref ? `$${ref[1]}/${f}` : relative(dir!, f) }));
  // Without the whole listing, the entry may also name a file that is not here: a layer imagepin cannot read.
  return found.length && !tree.partial ? named : [...named, entry];
}

/** What the image's Application could be: each folder its path can name that holds the file, times each file each templated value file can name. */
function concrete(app: ArgoHelmLayer, file: string, tree: TreeFiles): ArgoHelmLayer[] | string {
  const templatedPath = app.path?.includes('{{') ? treePath('.', app.path) : undefined;
  const dirs = templatedPath === undefined ? [app.path] : ancestors(file).filter((d) => pattern(templatedPath).test(d));
  if (templatedPath !== undefined) {
    // A relative value file that leaves the folder (`../shared/x.yaml`) is read by Applications of folders not above the file: not tried one by one.
    const outside = app.valueFiles.some((v) => {
      const full = v.value.startsWith('$') ? undefined : treePath(templatedPath, v.value);
      return full !== undefined && !full.startsWith(`${templatedPath}/`) && pattern(full).test(file);
    });
    if (outside) return `its path ${app.path} stays templated and a values file outside the folder it names can be ${file}`;
    if (dirs.length === 0) return [];
  }
  let out: ArgoHelmLayer[] = [];
  for (const dir of dirs) {
    let combos: Located[][] = [[]];
    for (const entry of app.valueFiles) combos = combos.flatMap((c) => entryChoices(entry, dir === undefined ? undefined : treePath('.', dir), tree).map((e) => [...c, e]));
    out = [...out, ...combos.map((valueFiles) => ({ ...app, valueFiles, ...(dir !== undefined && { path: dir }) }))];
    if (out.length > MAX_CHOICES) return `its templated path or value files name more than ${MAX_CHOICES} combinations of the tree's files, which imagepin does not try`;
  }
  return out;
}

/**
 * Decision 72: what the Applications an ApplicationSet can make, and imagepin cannot make one by
 * one, do with an image under `enabled: false`. A templated path or value file is matched against
 * the tree's files, and each match decided as an Application's layers are (decision 64); a templated
 * value file no file matches is a layer imagepin cannot read, so the image is checked.
 */
export function appSetVerdicts(held: DisabledImage, apps: readonly ArgoHelmLayer[], tree: TreeFiles, leaves: Map<string, ValueLeavesLayer>, repository?: string): Verdict[] {
  const file = held.occurrence.file;
  const out: Verdict[] = [];
  for (const app of apps) {
    const made = concrete(app, file, tree);
    const from = `ApplicationSet ${app.file} (its source at line ${app.line})`;
    if (typeof made === 'string') {
      out.push({ off: false, why: `an Application that ${from} makes may read this file: ${made}` });
      continue;
    }
    for (const one of made) {
      const prepared = prepareApps([one], leaves, repository);
      const verdicts = argoVerdicts(held, prepared, leaves);
      if (verdicts.length === 0) continue;
      const names = one.valueFiles.filter((v, i) => v.value !== app.valueFiles[i]!.value).map((v) => v.value);
      const filled = [...(app.path !== one.path ? [`path ${one.path}`] : []), ...names];
      const open = one.valueFiles.filter((v) => v.value.includes('{{')).map((v) => v.value);
      const matched = `, in an Application that ${from} can make${filled.length ? ` with ${filled.join(', ')} (its templated entries matched against the tree's files, decision 72)` : ''}${open.length ? ` (${open.join(', ')} stays templated and ${tree.partial ? `may name a file imagepin does not have: ${tree.partial}` : 'names no file of the tree'}, decision 72)` : ''}`;
      const loose = one.parameters.find((p) => p.name.includes('{{'));
      if (loose && prepared[0]!.files.includes(file)) out.push({ off: false, why: `helm.parameters entry ${loose.name} of ${from} stays templated, so it may set any key` });
      out.push(...verdicts.map((v) => (v.off ? v : { off: false as const, why: `${v.why}${matched}` })));
    }
  }
  return out;
}
