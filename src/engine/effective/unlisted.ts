import { dirname } from 'node:path/posix';
import type { DiagnosticCode } from '../../model/file-result.js';
import type { ArgoHelmLayer, KustomizationLayer, Layer } from '../../model/layers.js';
import type { ArgoRawSourceLayer } from '../../model/unlisted.js';
import { notFollowedText, type NotFollowed } from '../../model/not-followed.js';
import type { Occurrence } from '../../model/occurrence.js';
import { KUSTOMIZATION_FILE } from '../../extractors/kustomize/index.js';
import { isRemoteInclude } from '../../extractors/kustomize/remote.js';
import type { GitTree } from './git-files.js';
import type { HeldFiles } from './patch-files.js';
import { treePath } from './tree.js';

/** Whether a file names the unlisted manifests of its folder (decision 0060). */
export interface Unlisted {
  /** The notice for a file that no kustomization lists, when it is read only as manifests (`formats`) and every occurrence is a manifest's; else undefined. */
  notice(file: string, occurrences: readonly Occurrence[], formats: readonly string[]): NotFollowed | undefined;
  /** Whether the tree shows every way a listed file is built: its folder has one kustomization, which the rule does not skip, and no Argo CD directory or plugin source reads it (decision 0067). */
  closed(file: string): boolean;
}

const YAML = /\.ya?ml$/i;
/** Diagnostics that mean a file was not (wholly) parsed: what it lists is then not known. */
const UNPARSED = new Set<DiagnosticCode>(['invalid-yaml', 'too-large', 'binary', 'not-utf8', 'too-many-aliases', 'too-deep', 'template', 'duplicate-key']);
const MANIFEST = new Set(['kubernetes', 'crd']);
const GLOB = /[*?[\]{}]/;

const within = (dir: string, folder: string): boolean => folder === '.' || dir === folder || dir.startsWith(`${folder}/`);

/**
 * The manifests that kustomize, Flux and Argo CD never deploy: a Kubernetes manifest in a folder
 * with a kustomization, which no kustomization of the tree names in any field. Fail closed:
 * undefined (nothing said anywhere) unless imagepin read the whole tree (every YAML file, the
 * listing known: not a pull request's few files) and every kustomization parsed, was followed
 * whole and has no glob; a folder whose kustomization includes nothing, or something the tree does
 * not hold (a remote or missing entry), or that an Argo CD directory or plugin source may read, is skipped.
 */
export function unlistedFiles(layers: readonly Layer[], held: HeldFiles, tree: GitTree | undefined, patchFiles: ReadonlySet<string>): Unlisted | undefined {
  if (!tree || tree.partial) return undefined;
  const heldFiles = new Set(held.files);
  const treeFiles = new Set(tree.files);
  if (tree.files.some((f) => (YAML.test(f) || KUSTOMIZATION_FILE.test(f)) && !heldFiles.has(f))) return undefined;
  const folders = new Map<string, string[]>();
  for (const f of tree.files) if (KUSTOMIZATION_FILE.test(f)) folders.set(dirname(f), [...(folders.get(dirname(f)) ?? []), f]);
  if (folders.size === 0) return undefined;
  const kustomizations = layers.filter((l): l is KustomizationLayer => l.kind === 'kustomization');
  const parsed = new Set(kustomizations.map((k) => k.file));
  for (const files of folders.values()) for (const f of files) {
    if (!parsed.has(f) || (held.diagnosticsOf(f) ?? []).some((d) => UNPARSED.has(d.code))) return undefined;
  }
  const dirs = new Set<string>();
  for (const f of tree.files) for (let d = dirname(f); d !== '.' && !dirs.has(d); d = dirname(d)) dirs.add(d);
  const listed = new Set<string>();
  const skipped = new Set<string>();
  for (const k of kustomizations) {
    if (k.mentionsUnknown || !k.mentions) return undefined;
    const dir = dirname(k.file);
    // One that includes nothing (only `images:`, say) builds nothing: not taken as how its folder is deployed.
    if (k.includes.length === 0) skipped.add(dir);
    for (const m of k.mentions) {
      const path = treePath(dir, m);
      if (path) listed.add(path);
    }
    for (const inc of k.includes) {
      if (isRemoteInclude(inc.value)) skipped.add(dir);
      else if (GLOB.test(inc.value)) return undefined;
      else {
        const path = treePath(dir, inc.value);
        if (path === undefined || (!treeFiles.has(path) && !dirs.has(path))) skipped.add(dir);
      }
    }
  }
  // Patch files of Argo CD `kustomize.patches` are relative to the Application's path.
  for (const app of layers.filter((l): l is ArgoHelmLayer => l.kind === 'argo-helm')) {
    for (const patch of app.kustomizePatches ?? []) {
      const path = patch.file && treePath(app.path ?? '.', patch.file);
      if (path) listed.add(path);
    }
  }
  const raw: string[] = [];
  for (const source of layers.filter((l): l is ArgoRawSourceLayer => l.kind === 'argo-raw-source')) {
    if (source.unknown) return undefined;
    for (const path of source.paths) raw.push(treePath('.', path) ?? '.');
  }
  return {
    closed(file) {
      const dir = dirname(file);
      return folders.get(dir)?.length === 1 && !skipped.has(dir) && !raw.some((folder) => within(dir, folder));
    },
    notice(file, occurrences, formats) {
      const dir = dirname(file);
      const own = folders.get(dir);
      if (!own || own.length !== 1 || KUSTOMIZATION_FILE.test(file) || listed.has(file) || patchFiles.has(file) || skipped.has(dir)) return undefined;
      // Talos config is read by the `crd` extractor (workload TalosMachineConfig); a machine config's inline manifests are
      // `kubernetes` occurrences of a file that is also `node-mirrors`: the file's formats and workloads decide too.
      if (occurrences.length === 0 || formats.some((f) => !MANIFEST.has(f)) || occurrences.some((o) => !MANIFEST.has(o.format) || o.workload?.kind.startsWith('Talos'))) return undefined;
      if (raw.some((folder) => within(dir, folder))) return undefined;
      const url = own[0]!;
      const span = { start: { line: 1, col: 1, offset: 0 }, end: { line: 1, col: 1, offset: 0 } };
      return { file, code: 'not-in-kustomization', url, field: 'resources', path: [], span, message: notFollowedText({ code: 'not-in-kustomization', url, field: 'resources' }, `${file}:1`) };
    },
  };
}
