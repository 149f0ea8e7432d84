import { normalize } from 'node:path/posix';
import { parsePlain } from '../../yaml/plain-parse.js';
import { neutralise, templateBlocks } from '../templates/neutralise.js';
import { readPatchFile, type TalosPatchFiles } from './patch-files.js';

/** topf's cluster file (postfinance/topf); `--topfconfig` may name another, which is then known by its shape only. */
export const TOPF_FILE = /(?:^|\/)topf\.ya?ml$/;

/** The files topf reads as patches in its folders (`.yaml`, `.yml`, and the Go-templated `.yaml.tpl` / `.yml.tpl`). */
const PATCH_NAME = /\.ya?ml(?:\.tpl)?$/;

/** A Go template action that decides what is written (`if`, `else`, `range`, `with`, ...): the file's content then depends on values imagepin does not evaluate. */
const CONTROL = /^\{\{-?\s*(?:if|else|range|with|define|template|block)\b/;

/**
 * The folder topf reads patches from: `patchesDir` from the topf file's folder (default that
 * folder), as a repository path with a trailing `/` (`''` for the root); undefined when it is
 * absolute or outside the tree.
 */
export function topfPatchesDir(topfFile: string, patchesDir: string | undefined): string | undefined {
  const dir = topfFile.includes('/') ? topfFile.slice(0, topfFile.lastIndexOf('/')) : '.';
  if (patchesDir?.startsWith('/')) return undefined;
  const path = normalize(`${dir}/${patchesDir ?? '.'}`);
  if (path.startsWith('../') || path === '..') return undefined;
  return path === '.' ? '' : `${path.replace(/\/+$/, '')}/`;
}

/** The patch folders topf applies to one node, in its merge order: `all/`, the role's, `node/<host>/`. */
export const topfFolders = (base: string, role: string, host: string): string[] => [`${base}all/`, `${base}${role}/`, `${base}node/${host}/`];

/** The `patchesDir` a topf file's text names; undefined when it names none or does not parse. Never throws. */
function patchesDirOf(text: string): string | undefined {
  try {
    const data = parsePlain(text, 100) as Record<string, unknown> | null;
    return typeof data?.patchesDir === 'string' ? data.patchesDir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The tree's files that topf reads as patches for the topf file at `file`: every patch-named file
 * under `all/`, `control-plane/`, `worker/` and `node/` of its patches folder (topf walks them
 * recursively), and the folder's key (`base`, with its `/`) for the extractor to know the folders
 * were listed. Undefined when the folder is outside the tree.
 */
export function topfPatchPaths(file: string, text: string, paths: Iterable<string>): { base: string; files: string[] } | undefined {
  const base = topfPatchesDir(file, patchesDirOf(text));
  if (base === undefined) return undefined;
  const roots = ['all/', 'control-plane/', 'worker/', 'node/'].map((f) => base + f);
  const files = [...paths].filter((p) => PATCH_NAME.test(p) && roots.some((r) => p.startsWith(r)));
  return { base, files };
}

/**
 * A topf patch file as plain data (one value per document). A `.tpl` file is read with its template
 * actions set aside (a value with `{{ }}` becomes text); one with a control action (`{{ if }}`,
 * `{{ range }}`, ...) is `null`, like a file the scan could not read: which of its branches topf
 * writes is not known, so nothing it seems to disable may be taken as disabled.
 */
export function readTopfPatch(path: string, text: string): readonly unknown[] | null {
  if (!path.endsWith('.tpl')) return readPatchFile(text);
  if (templateBlocks(text).some(([start, end]) => CONTROL.test(text.slice(start, end)))) return null;
  return readPatchFile(neutralise(text).text);
}

/** The documents of every patch topf applies from `folder` (files in lexicographic order), and the paths the scan could not read or evaluate. */
export function folderPatches(files: TalosPatchFiles, folder: string): { docs: unknown[]; unknown: string[] } {
  const docs: unknown[] = [];
  const unknown: string[] = [];
  for (const path of [...files.keys()].filter((p) => p.startsWith(folder) && PATCH_NAME.test(p)).sort()) {
    const read = files.get(path);
    if (read === null || read === undefined) unknown.push(path);
    else docs.push(...read);
  }
  return { docs, unknown };
}
