import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { GeneratorSpec } from '../../model/generators.js';
import type { Layer } from '../../model/layers.js';
import type { GeneratorFile } from '../generator-files.js';
import { goValue } from '../../extractors/common/go-value.js';
import { decodeText } from '../decode.js';
import { filesMatcher } from './glob.js';

/** One scalar of a config file: its key path, its value as Argo CD prints it, its line. */
export interface ConfigLeaf {
  path: (string | number)[];
  value: string;
  line: number;
}

/** A git files generator's config file: one parameter set per object (a file may hold a list of them), or why not. */
export type ConfigFile = { objects: ConfigLeaf[][] } | { error: string };

/** What the git generators may read: the tree's file paths (all of them, not only YAML) and the config files they match. */
export interface GitTree {
  files: readonly string[];
  configs: Map<string, ConfigFile>;
  /** `owner/repo` of the scanned tree when the caller knows it (the App does): a git generator on another repoURL is then unknown. */
  repository?: string;
  /** Why `files` is not the whole tree (the base side of a pull request): the git generators are then unknown. */
  partial?: string;
  /** The `configMapGenerator` files a HelmRelease's `valuesFrom` may read (env files, a targetPath's file), read after the scan. */
  generatorFiles?: Map<string, GeneratorFile>;
  /** Argo CD's "new git file globbing" as the tree sets it (`argocd-cmd-params-cm`; `doublestar` absent: set both ways); absent: not set, git pathspecs are used. */
  globbing?: { doublestar?: boolean; where: string };
  /** Worked out once per tree, on first use (a matrix child is evaluated once per outer element). */
  cache?: { sorted?: string[]; folders?: string[] };
}

/** Config files read per scan at most: the tree may be an untrusted pull request. */
export const MAX_CONFIG_FILES = 256;
const MAX_LEAVES = 2000;

function leaves(node: unknown, counter: LineCounter, path: (string | number)[], out: ConfigLeaf[]): void {
  if (out.length >= MAX_LEAVES || path.length > 16 || isAlias(node)) return;
  if (isScalar(node)) {
    const value = goValue(node.value);
    if (value !== undefined && node.range) out.push({ path, value, line: counter.linePos(node.range[0]).line });
  } else if (isMap(node)) {
    for (const pair of node.items) if (isScalar(pair.key) && typeof pair.key.value !== 'object') leaves(pair.value, counter, [...path, String(pair.key.value)], out);
  } else if (isSeq(node)) node.items.forEach((item, i) => leaves(item, counter, [...path, i], out));
}

/**
 * A config file as Argo CD reads it (sigs.k8s.io/yaml, YAML 1.1 like go-yaml v2, the first
 * document): a map is one parameter set, a list of maps one per item, an empty file one empty set.
 */
export function parseConfig(file: string, bytes: Uint8Array, maxBytes: number): ConfigFile {
  const decoded = decodeText(file, bytes, maxBytes);
  if ('diagnostic' in decoded) return { error: decoded.diagnostic.message };
  const counter = new LineCounter();
  const doc = parseDocument(decoded.text, { version: '1.1', lineCounter: counter, uniqueKeys: false, logLevel: 'silent' });
  if (doc.errors.length > 0) return { error: `it is not YAML or JSON (${doc.errors[0]!.message.split('\n')[0]})` };
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return { objects: [[]] };
  const items = isMap(root) ? [root] : isSeq(root) ? root.items : undefined;
  if (!items || !items.every((i) => isMap(i))) return { error: 'it is neither a map nor a list of maps' };
  return { objects: items.map((item) => { const out: ConfigLeaf[] = []; leaves(item, counter, [], out); return out; }) };
}

const GLOBBING_KEY = 'applicationsetcontroller.enable.new.git.file.globbing';
const PARAMS_CM = 'argocd-cmd-params-cm';

/**
 * The "new git file globbing" setting where the tree holds it: the `argocd-cmd-params-cm`
 * ConfigMap's key (a manifest, or a kustomize `configMapGenerator` literal), read as Go's strconv.ParseBool (as the controller reads its flag). Two
 * ConfigMaps that disagree (two clusters) leave it unknown: git pathspecs are used, and said.
 */
function globbingOf(layers: Layer[]): GitTree['globbing'] {
  const found = layers.flatMap((l) => {
    if (l.kind === 'config-data') return l.objectKind === 'ConfigMap' && l.name === PARAMS_CM && l.data[GLOBBING_KEY] ? [{ file: l.file, at: l.data[GLOBBING_KEY] }] : [];
    // Argo CD installed with kustomize often sets its parameters as a configMapGenerator literal (behavior: merge).
    if (l.kind === 'kustomization') return (l.configMaps ?? []).flatMap((c) => (c.name === PARAMS_CM && c.literals[GLOBBING_KEY] ? [{ file: l.file, at: c.literals[GLOBBING_KEY] }] : []));
    return [];
  });
  const values = new Set(found.map((f) => ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(f.at.value.trim())));
  if (found.length === 0) return undefined;
  const where = found.map((f) => `${f.file} line ${f.at.line}`).join(', ');
  return values.size > 1 ? { where } : { doublestar: [...values][0]!, where };
}

/** The `files:` globs of every git generator, a templated part (a matrix child's `{{ .path.path }}`) read as `*`. */
function fileGlobs(specs: GeneratorSpec[], out: string[] = []): string[] {
  for (const spec of specs) {
    if (spec.kind === 'git') for (const entry of spec.files) if (!entry.exclude) out.push(entry.path.replace(/\{\{.*?\}\}/g, '*'));
    if (spec.kind === 'matrix' || spec.kind === 'merge') fileGlobs(spec.children, out);
  }
  return out;
}

/**
 * Reads, after the scan, the config files the git files generators of the tree match (at most
 * MAX_CONFIG_FILES, in path order): the one read beyond extraction, since a config file may be
 * JSON and is matched by a glob that only the ApplicationSet knows.
 */
export async function readGitTree(layers: Layer[], files: readonly string[], read: (path: string) => Promise<Uint8Array>, maxBytes: number, repository?: string): Promise<GitTree> {
  const globbing = globbingOf(layers);
  const tree: GitTree = { files, configs: new Map(), ...(repository && { repository }), ...(globbing && { globbing }) };
  const globs = layers.flatMap((l) => (l.kind === 'argo-helm' && l.set ? fileGlobs(l.set.generators) : []));
  const matchers = [...new Set(globs)].map((glob) => filesMatcher(glob, globbing?.doublestar === true)).filter((m) => m !== undefined);
  if (matchers.length === 0) return tree;
  const wanted = files.filter((f) => matchers.some((m) => m(f))).slice(0, MAX_CONFIG_FILES);
  for (const file of wanted) {
    try {
      tree.configs.set(file, parseConfig(file, await read(file), maxBytes));
    } catch (err) {
      tree.configs.set(file, { error: `it could not be read (${(err as Error).message})` });
    }
  }
  return tree;
}
