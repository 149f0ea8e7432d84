import { normalize } from 'node:path/posix';
import type { Node } from 'yaml';
import type { DocContext, Sink } from '../types.js';

/** A path helmfile resolves at run time (a template, a remote `git::` / URL source, a glob): not looked for in the tree. */
const NOT_A_TREE_PATH = /\{\{|:\/\/|::|[*?[]/;

/**
 * The files a helmfile names by path (relative to its folder): each release's and environment's
 * `values` entries that are strings, and `helmfiles` entries (a string or `path:`).
 */
function named(ctx: DocContext): [Node, string, string][] {
  const root = ctx.view.doc.contents;
  const out: [Node, string, string][] = [];
  const add = (node: Node | null | undefined, what: string): void => {
    const text = node ? ctx.view.string(node) : undefined;
    if (node && text && text.trim() !== '' && !NOT_A_TREE_PATH.test(text)) out.push([node, text.trim(), what]);
  };
  for (const [, release] of ctx.view.items(ctx.view.get(root, 'releases'))) for (const [, v] of ctx.view.items(ctx.view.get(release, 'values'))) add(v, 'values file');
  for (const [, env] of ctx.view.entries(ctx.view.get(root, 'environments'))) for (const [, v] of ctx.view.items(ctx.view.get(env, 'values'))) add(v, 'values file');
  for (const [, entry] of ctx.view.items(ctx.view.get(root, 'helmfiles'))) add(ctx.view.string(entry) !== undefined ? entry : ctx.view.get(entry, 'path'), 'helmfile');
  return out;
}

/**
 * An `unreadable` diagnostic for each file a helmfile names that the tree does not hold (when the
 * scan says what the tree holds): the values it may set are not known. Values maps are read inline.
 */
export function unheldHelmfileFiles(ctx: DocContext, sink: Sink): void {
  if (!ctx.held) return;
  const dir = ctx.file.includes('/') ? ctx.file.slice(0, ctx.file.lastIndexOf('/')) : '.';
  for (const [node, entry, what] of named(ctx)) {
    const path = entry.startsWith('/') ? undefined : normalize(`${dir}/${entry}`);
    const outside = path === undefined || path.startsWith('../') || path === '..';
    if (!outside && ctx.held(path)) continue;
    const effect = what === 'helmfile' ? 'the releases it may hold are not known' : 'the values it may set are not known';
    const message = `${what} ${entry} is ${outside ? 'outside the tree' : 'not among the files of the tree'}, so ${effect}`;
    sink.diagnostics.push({ file: ctx.file, document: ctx.document, code: 'unreadable', line: ctx.view.span(node).start.line, message });
  }
}
