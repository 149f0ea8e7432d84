/**
 * ApplicationSet generators as one document writes them (read during its one parse,
 * src/extractors/layers/generators.ts), evaluated after the scan by src/engine/effective/generators.ts.
 */
export type GeneratorSpec = ListGenerator | GitGenerator | CombineGenerator | OtherGenerator;

/** Where a generator is written, and its `values:` (added to each element as `values.key`, templated). */
interface GeneratorBase {
  line: number;
  values?: Record<string, string>;
  selector?: Selector;
}

/** A scalar value of a generator or an element, as Argo CD prints it (`%v`), with its line. */
export interface ParamLeaf {
  value: string;
  line: number;
}

export interface ListGenerator extends GeneratorBase {
  kind: 'list';
  /** Each element's scalars by flat key: `a`, `a.b`, list items `a.0` (fasttemplate) or `a[0]` (goTemplate). */
  elements: { line: number; params: Record<string, ParamLeaf> }[];
}

/** One `files:` or `directories:` entry: a glob of the repository, or (exclude) a glob to leave out. */
export interface GitPathEntry {
  path: string;
  exclude: boolean;
  line: number;
}

export interface GitGenerator extends GeneratorBase {
  kind: 'git';
  repoURL?: string;
  files: GitPathEntry[];
  directories: GitPathEntry[];
  pathParamPrefix?: string;
}

/** `matrix` (the cartesian product of two children) or `merge` (children merged into the first by `mergeKeys`). */
export interface CombineGenerator extends GeneratorBase {
  kind: 'matrix' | 'merge';
  children: GeneratorSpec[];
  mergeKeys: string[];
}

/** A generator whose elements come from outside the tree (`clusters`, `scmProvider`, `pullRequest`, ...). */
export interface OtherGenerator extends GeneratorBase {
  kind: 'other';
  /** The generator's key, or what is wrong with the entry. */
  name: string;
  reason?: string;
}

/** A generator's `selector:`: Kubernetes label-selector semantics over the element's parameters. */
export interface Selector {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: string; values: string[] }[];
}

/** Who writes a part of the Applications an ApplicationSet makes: its `spec.template`, a top-level generator's own `template:`, its `spec.templatePatch`. */
export type TemplateWriter = 'template' | 'generator' | 'patch';

/**
 * What the Applications of one top-level generator get from the templates (decision 0047): for
 * each part a writer sets (`template:source/helm.valuesObject`, `generator:sources/0/kustomize.images`),
 * true when it is what the Application gets, else why not; or why that is not known.
 */
export type GeneratorRuns = { parts: Record<string, true | string> } | { unknown: string };

/** An ApplicationSet's generators and the template language they fill. */
export interface AppSetGenerators {
  goTemplate: boolean;
  generators: GeneratorSpec[];
  /** Per top-level generator, when a generator's `template:` or `spec.templatePatch` changes a source; absent: `spec.template` alone. */
  templates?: GeneratorRuns[];
}
