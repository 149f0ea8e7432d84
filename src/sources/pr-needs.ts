import { basename, dirname, join, normalize } from 'node:path/posix';
import { isCandidate } from '../extractors/index.js';
import { filesMatcher } from '../engine/effective/glob.js';

/** Kinds whose `name` another object refers to: chart sources (HelmRelease sourceRef / chartRef) and substitution ConfigMaps. */
const NAMED_KIND = /^\s*-?\s*kind:\s*["']?(HelmRepository|OCIRepository|GitRepository|ConfigMap)["']?\s*$/;
const NAME = /^\s*-?\s*name:\s*["']?([\w.-]+)["']?\s*$/;
/** A list item that is a relative path: a kustomization's `resources`, an Application's `valueFiles`, a `configMapGenerator`'s `files` (`key=path`). */
const RELATIVE_ITEM = /^\s*-\s*["']?(?:[\w.-]+=)?((?:\.{1,2}\/|\$[\w-]+\/)[^\s"'#]*|[\w.-]+\/[^\s"'#:]*|[\w.-]+\.ya?ml)["']?\s*(?:#.*)?$/;
const SOURCE_PATH = /^\s*path:\s*["']?([^\s"'#]+)["']?/;
/** A patch file a kustomization, Flux Kustomization or Argo CD source names (`- path: set-image.yaml`, `path: ops.json`). */
const PATCH_PATH = /^\s*(?:-\s*)?path:\s*["']?([^\s"'#]+\.(?:ya?ml|json))["']?\s*(?:#.*)?$/i;
/** A talhelper `@file` patch (`- "@./patches/controller/cluster.yaml"`), and the talconfig whose folder's talenv.yaml it reads. */
const TALHELPER_PATCH = /^\s*-\s*["']?@([^\s"'#]+\.ya?ml)["']?\s*(?:#.*)?$/;
const TALCONFIG = /(?:^|\/)talconfig\.ya?ml$/;
/** topf's cluster file, whose patch folders beside it (`all/`, `control-plane/`, `worker/`, `node/<host>/`) topf reads whole. */
const TOPF = /(?:^|\/)topf\.ya?ml$/;
const TOPF_HOST = /^\s*-?\s*host:\s*["']?([\w.-]+)["']?\s*(?:#.*)?$/;
/** An Omni cluster template's `- file: patches/x.yaml`, which omnictl reads from the folder it runs in: beside the template, or from the root. */
const OMNI_FILE = /^\s*-?\s*file:\s*["']?([^\s"'#]+\.ya?ml)["']?\s*(?:#.*)?$/;

/** The tree paths a `path:` line naming a patch file may mean: beside the file, or under the folder its source builds. */
function patchPaths(line: string, dir: string, built: string | undefined): string[] {
  const patch = PATCH_PATH.exec(line)?.[1];
  if (!patch || patch.includes('://')) return [];
  return [treePath(dir, patch), built ? treePath(built, patch) : undefined].filter((p): p is string => p !== undefined);
}

/**
 * The patch files the fetched kustomizations name (`- path: set-image.yaml`), also of those not near
 * the change (an overlay read because it includes a changed base): without them an overlay's patch
 * would read as "not among the files read". Only patch files: their other references are not followed.
 */
export function namedPatchFiles(texts: Iterable<[string, string]>): Set<string> {
  const paths = new Set<string>();
  for (const [file, text] of texts) for (const line of text.split('\n')) for (const path of patchPaths(line, dirname(file), undefined)) paths.add(path);
  return paths;
}

function treePath(dir: string, entry: string): string | undefined {
  const path = normalize(join(dir, entry)).replace(/\/+$/, '');
  return path.startsWith('..') ? undefined : path === '' ? '.' : path;
}

/**
 * What the files fetched so far refer to by name or path, found in their text (no parse: a false
 * match costs one more blob in the same batch, never a wrong answer): the HelmRepository,
 * OCIRepository or ConfigMap a `sourceRef` / `chartRef` / `substituteFrom` names, the folders a
 * kustomization includes, the folder a Flux Kustomization or an Application builds (`path:`), the
 * patch files they name, the values files an Application layers, and a talconfig.yaml's `@file`
 * patches and talenv.yaml, an Omni template's `file:` patches, and a topf.yaml's patch folders
 * (their files, not their subfolders: those are then not read, and the topf reader says so).
 */
export function referenced(texts: Iterable<[string, string]>): { names: Set<string>; paths: Set<string> } {
  const names = new Set<string>();
  const paths = new Set<string>();
  for (const [file, text] of texts) {
    const lines = text.split('\n');
    const dir = dirname(file);
    const sourceDir = lines.map((l) => SOURCE_PATH.exec(l)?.[1]).find((p) => p !== undefined);
    // The folder a Flux Kustomization or an Argo CD source builds: its chart values, its kustomization.
    const built = sourceDir && !sourceDir.includes('{{') ? treePath('.', sourceDir) : undefined;
    if (built && built !== '.') paths.add(built);
    const talenv = TALCONFIG.test(file) ? treePath(dir, 'talenv.yaml') : undefined;
    if (talenv) paths.add(talenv);
    if (TOPF.test(file)) {
      const hosts = lines.map((l) => TOPF_HOST.exec(l)?.[1]).filter((h): h is string => h !== undefined);
      for (const folder of ['all', 'control-plane', 'worker', ...hosts.map((h) => `node/${h}`)]) {
        const path = treePath(dir, folder);
        if (path) paths.add(path);
      }
    }
    lines.forEach((line, i) => {
      for (const path of patchPaths(line, dir, built)) paths.add(path);
      const talhelper = TALHELPER_PATCH.exec(line)?.[1];
      const talhelperPath = talhelper && treePath(dir, talhelper);
      if (talhelperPath) paths.add(talhelperPath);
      const omni = OMNI_FILE.exec(line)?.[1];
      for (const omniPath of omni && !omni.startsWith('/') ? [treePath(dir, omni), treePath('.', omni)] : []) if (omniPath) paths.add(omniPath);
      if (NAMED_KIND.test(line)) {
        for (const near of lines.slice(Math.max(0, i - 3), i + 4)) {
          const name = NAME.exec(near)?.[1];
          if (name) names.add(name);
        }
      }
      const item = RELATIVE_ITEM.exec(line)?.[1];
      if (!item || item.includes('://')) return;
      const ref = /^\$[\w-]+\/(.*)$/.exec(item)?.[1];
      const path = ref !== undefined ? treePath('.', ref) : treePath(dir, item);
      if (path) paths.add(path);
      const fromSource = sourceDir && ref === undefined ? treePath(treePath('.', sourceDir) ?? '.', item) : undefined;
      if (fromSource) paths.add(fromSource);
    });
  }
  return { names, paths };
}

/**
 * The tree files that hold what `referenced` found: a file named after a referenced object
 * (`bitnami.yaml`, `cluster-settings.yaml`) or a chart-source file in a folder of that name
 * (`bitnami/helmrepository.yaml`), a referenced file itself, and the YAML files of a referenced
 * folder (a kustomize base).
 */
export function neededFiles(tree: readonly string[], found: { names: Set<string>; paths: Set<string> }, templateExtensions?: readonly string[]): Set<string> {
  const wanted = new Set<string>();
  for (const path of tree) {
    // A `.json` file is read only as a patch file something names (decision 32).
    if (!isCandidate(path, templateExtensions) && !(/\.json$/i.test(path) && found.paths.has(path))) continue;
    const stem = basename(path).replace(/\.ya?ml$/i, '');
    const dir = dirname(path);
    if (found.names.has(stem) || (found.names.has(basename(dir)) && /repositor|source|helm|oci/i.test(stem))) wanted.add(path);
    else if (found.paths.has(path) || found.paths.has(dir)) wanted.add(path);
  }
  return wanted;
}

/**
 * Whether a file's references are followed: the changed files, and those in a folder above one
 * (its ks.yaml, its kustomization). The changed paths and every folder above them are gathered
 * once, so each file asked about costs two look-ups, not a pass over the changed files.
 */
export function nearChange(changed: readonly { path: string }[]): (path: string) => boolean {
  const paths = new Set<string>();
  const folders = new Set<string>();
  for (const { path } of changed) {
    paths.add(path);
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) folders.add(path.slice(0, i));
  }
  return (path) => {
    const dir = dirname(path);
    return paths.has(path) || (dir === '.' ? changed.length > 0 : folders.has(dir));
  };
}

const FILES_KEY = /^(\s*)(?:-\s+)?files:\s*(?:#.*)?$/;
const PATH_ITEM = /^\s*-\s*path:\s*(?:"([^"]+)"|'([^']+)'|([^\s#]+))\s*(?:#.*)?$/;
/** Config files read per tree at most, like the scan's own limit (the tree may be an untrusted PR). */
const MAX_GENERATOR_FILES = 256;

/**
 * The files that the git files generators of the ApplicationSets read so far match, from the tree
 * listing alone: the `- path:` items of each `files:` block (block style), a templated part read
 * as `*`, matched as git pathspecs and as doublestar globs. JSON ones too, which the listing alone never asks for.
 */
export function generatorFiles(texts: Iterable<[string, string]>, tree: readonly string[]): Set<string> {
  const globs = new Set<string>();
  for (const [, text] of texts) {
    if (!/^kind:\s*["']?ApplicationSet\b/m.test(text)) continue;
    let indent = -1;
    for (const line of text.split('\n')) {
      const block = FILES_KEY.exec(line);
      if (block) indent = block[1]!.length;
      else if (indent >= 0 && line.trim() !== '') {
        const lead = line.length - line.trimStart().length;
        if (lead < indent || (lead === indent && !line.trimStart().startsWith('-'))) indent = -1;
        else {
          const item = PATH_ITEM.exec(line);
          const path = item && (item[1] ?? item[2] ?? item[3]);
          if (path) globs.add(path.replace(/\{\{.*?\}\}/g, '*'));
        }
      }
    }
  }
  // Both dialects (git pathspec, and doublestar if the controller's new git file globbing is on): which one runs is decided after the scan.
  const matchers = [...globs].flatMap((glob) => [filesMatcher(glob, false), filesMatcher(glob, true)]).filter((m) => m !== undefined);
  return new Set(matchers.length ? tree.filter((path) => matchers.some((m) => m(path))).slice(0, MAX_GENERATOR_FILES) : []);
}
