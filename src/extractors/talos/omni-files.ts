import { normalize } from 'node:path/posix';
import type { Node } from 'yaml';
import { parseAllDocuments } from 'yaml';
import type { DocContext, Sink } from '../types.js';
import { plainAt } from './patch-files.js';

/** The document kinds of an Omni cluster template whose `patches` may name files. */
export const TEMPLATE_KINDS = new Set(['Cluster', 'ControlPlane', 'Workers', 'Machine']);

/**
 * Files a scan reads as possible Omni cluster templates before the rest (with the `file:` patches
 * they name): YAML in a folder whose name holds `omni`, or a file whose name holds `template`.
 */
export const isOmniTemplateName = (path: string): boolean => /\.ya?ml$/i.test(path) && (/(?:^|\/)[^/]*omni[^/]*\//i.test(path) || /template[^/]*$/i.test(path.slice(path.lastIndexOf('/') + 1)));

/**
 * Where an Omni `file:` patch may be in the tree. omnictl reads the path from the folder it runs
 * in, which the tree does not say: the template's folder, then the repository root, in that order.
 * None for an absolute path or one that leaves the tree.
 */
export function omniPatchPaths(template: string, entry: string): string[] {
  if (entry.trim().startsWith('/')) return [];
  const dir = template.includes('/') ? template.slice(0, template.lastIndexOf('/')) : '.';
  const out = [normalize(`${dir}/${entry.trim()}`), normalize(entry.trim())];
  return [...new Set(out)].filter((p) => !p.startsWith('../') && p !== '..' && !p.startsWith('/'));
}

/** The `file:` entries of every template document of a text, as written. Never throws: unreadable text names none. */
export function omniFileEntries(text: string): string[] {
  const out: string[] = [];
  try {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) continue;
      const data: unknown = doc.toJS({ maxAliasCount: 100 });
      const patches = TEMPLATE_KINDS.has(String(plainAt(data, ['kind']))) && plainAt(data, ['apiVersion']) === undefined ? plainAt(data, ['patches']) : undefined;
      for (const patch of Array.isArray(patches) ? patches : []) {
        const file = plainAt(patch, ['file']);
        if (typeof file === 'string' && file.trim() !== '') out.push(file);
      }
    }
  } catch {
    // Not a template that can be read: it names no file.
  }
  return out;
}

/** The documents of the file an Omni `file:` patch names, as the scan read them; undefined when not known. */
export function omniFilePatch(ctx: DocContext, entry: string): readonly unknown[] | undefined {
  for (const path of omniPatchPaths(ctx.file, entry)) {
    const docs = ctx.talosPatchFiles?.get(path);
    if (docs) return docs;
  }
  return undefined;
}

/** An `unreadable` diagnostic for a `file:` patch the scan did not read (when it read the tree's patch files at all). */
export function unreadOmniFile(ctx: DocContext, node: Node | null | undefined, sink: Sink): void {
  const entry = ctx.view.string(node);
  if (!node || !entry || !ctx.talosPatchFiles || omniFilePatch(ctx, entry)) return;
  const paths = omniPatchPaths(ctx.file, entry);
  const known = paths.some((p) => ctx.talosPatchFiles?.has(p));
  const why = paths.length === 0 ? 'outside the tree' : known ? `not among the files read (looked for ${paths.join(' and ')})` : 'not read before this template (its file name is not one imagepin reads first)';
  const message = `Omni patch file ${entry} is ${why}, so the images it may set (or a kube-proxy it disables) are not known`;
  sink.diagnostics.push({ file: ctx.file, document: ctx.document, code: 'unreadable', line: ctx.view.span(node).start.line, message });
}

/**
 * An `unreadable` diagnostic for each manifest a Cluster's `kubernetes.manifests[].file` names that
 * the tree does not hold (looked for as a `file:` patch is), when the scan knows the tree's listing:
 * the images Omni would apply from it are not known. A manifest the tree holds is read as a file of its own.
 */
export function unheldOmniManifests(ctx: DocContext, sink: Sink): void {
  if (!ctx.held) return;
  for (const [, manifest] of ctx.view.items(ctx.view.at(ctx.view.doc.contents, ['kubernetes', 'manifests']))) {
    const node = ctx.view.get(manifest, 'file');
    const entry = ctx.view.string(node);
    if (!node || !entry || entry.trim() === '') continue;
    const paths = omniPatchPaths(ctx.file, entry);
    if (paths.some((p) => ctx.held?.(p))) continue;
    const why = paths.length === 0 ? 'outside the tree' : `not among the files of the tree (looked for ${paths.join(' and ')})`;
    sink.diagnostics.push({ file: ctx.file, document: ctx.document, code: 'unreadable', line: ctx.view.span(node).start.line, message: `Omni manifest file ${entry} is ${why}, so the images it deploys are not known` });
  }
}
