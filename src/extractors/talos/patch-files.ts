import { normalize } from 'node:path/posix';
import { parseAllDocuments } from 'yaml';
import { parsePlain } from '../../yaml/plain-parse.js';
import { isOmniTemplateName, omniFileEntries, omniPatchPaths } from './omni-files.js';
import { TALCONFIG } from './talhelper.js';

/** A talhelper `@file` or Omni `file:` patch, read as plain data (one value per YAML document); `null` when the tree does not hold the file. */
export type TalosPatchFiles = ReadonlyMap<string, readonly unknown[] | null>;

/** The repository path a talhelper `@./patches/x.yaml` names, from the talconfig's folder; undefined for one outside the tree. */
export function patchFilePath(talconfig: string, entry: string): string | undefined {
  const dir = talconfig.includes('/') ? talconfig.slice(0, talconfig.lastIndexOf('/')) : '.';
  const path = normalize(`${dir}/${entry.trim().slice(1)}`);
  return path.startsWith('../') || path.startsWith('/') ? undefined : path;
}

/** The plain value at `path` of plain data (a map walk), or undefined. */
export function plainAt(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** What a plain patch writes at `path`: a strategic-merge map's value there, or an RFC 6902 add/replace op's value at or above it. */
export function plainPatchAt(patch: unknown, path: readonly string[]): unknown {
  if (!Array.isArray(patch)) return plainAt(patch, path);
  for (const op of patch) {
    const kind = plainAt(op, ['op']);
    const keys = String(plainAt(op, ['path']) ?? '').split('/').slice(1);
    if ((kind !== 'add' && kind !== 'replace') || keys.length > path.length || keys.some((k, i) => k !== path[i])) continue;
    const found = plainAt(plainAt(op, ['value']), path.slice(keys.length));
    if (found !== undefined) return found;
  }
  return undefined;
}

const plainLists = (data: unknown): unknown[] => {
  const root = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const lists = [root.patches, (root.controlPlane as Record<string, unknown> | undefined)?.patches, (root.worker as Record<string, unknown> | undefined)?.patches];
  if (Array.isArray(root.nodes)) for (const node of root.nodes) lists.push((node as Record<string, unknown> | undefined)?.patches);
  return lists.flatMap((list) => (Array.isArray(list) ? list : []));
};

/**
 * The patch files a talconfig.yaml (`@file` entries of every `patches` list) or an Omni cluster
 * template (`file:` patches: every place omni-files.ts looks) names, as repository paths.
 * Never throws: unreadable text names none.
 */
export function namedPatchFiles(file: string, text: string): string[] {
  if (isOmniTemplateName(file) && !TALCONFIG.test(file)) return [...new Set(omniFileEntries(text).flatMap((entry) => omniPatchPaths(file, entry)))];
  if (!TALCONFIG.test(file)) return [];
  let data: unknown;
  try {
    data = parsePlain(text, 100);
  } catch {
    return [];
  }
  const out = new Set<string>();
  for (const entry of plainLists(data)) {
    const path = typeof entry === 'string' && entry.trimStart().startsWith('@') ? patchFilePath(file, entry.trimStart()) : undefined;
    if (path) out.add(path);
  }
  return [...out];
}

/** A patch file's documents as plain data; none for text that does not parse. Never throws. */
export function readPatchFile(text: string): unknown[] {
  try {
    return parseAllDocuments(text).flatMap((doc) => (doc.errors.length ? [] : [doc.toJS({ maxAliasCount: 100 }) as unknown]));
  } catch {
    return [];
  }
}
