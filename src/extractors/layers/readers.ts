import { normalize } from 'node:path/posix';
import type { Node } from 'yaml';
import type { ReaderEntry, ValuesReadersLayer } from '../../model/switches.js';
import type { DocContext } from '../types.js';
import { switchesOf } from './switches.js';

/** A path helmfile or kustomize resolves at run time (a template, a remote source, a glob): not a file of this tree. */
const NOT_A_TREE_PATH = /\{\{|:\/\/|::|[*?[]/;

const dirOf = (file: string): string => (file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.');

/** One values entry: a file named by path (relative to `dir`), an inline map, or what cannot be read. */
function entryOf(ctx: DocContext, node: Node | null | undefined, dir: string): ReaderEntry | undefined {
  if (!node) return undefined;
  const line = ctx.view.span(node).start.line;
  if (ctx.view.map(node)) return { switches: switchesOf(ctx, node, []), line };
  const text = ctx.view.string(node)?.trim();
  if (!text) return { unknown: `the values entry at ${ctx.file} line ${line} is not a path or a map imagepin reads`, line };
  const path = text.startsWith('/') || NOT_A_TREE_PATH.test(text) ? undefined : normalize(`${dir}/${text}`);
  if (path === undefined || path.startsWith('../') || path === '..') return { unknown: `the values entry ${text} (${ctx.file} line ${line}) is not a file of this tree`, line };
  return { file: path, line };
}

/** Only releases that name a values file by path: the images of other files are not theirs. */
const naming = (layer: ValuesReadersLayer): boolean => layer.entries.some((e) => 'file' in e);

/** A helmfile's releases, each with its `values` entries in order (decision 64). */
export function helmfileReaders(ctx: DocContext): ValuesReadersLayer[] {
  const dir = dirOf(ctx.file);
  const out: ValuesReadersLayer[] = [];
  for (const [index, release] of ctx.view.items(ctx.view.get(ctx.view.doc.contents, 'releases'))) {
    const entries = [...ctx.view.items(ctx.view.get(release, 'values'))].flatMap(([, v]) => entryOf(ctx, v, dir) ?? []);
    const name = ctx.view.str(release, 'name');
    const layer: ValuesReadersLayer = { kind: 'values-readers', file: ctx.file, what: `helmfile release ${name ?? `releases[${index}]`} of ${ctx.file}`, entries };
    if (naming(layer)) out.push(layer);
  }
  return out;
}

/** A kustomization's `helmCharts`, each with `valuesFile`, `additionalValuesFiles`, then `valuesInline` (decision 64). */
export function helmChartsReaders(ctx: DocContext): ValuesReadersLayer[] {
  const dir = dirOf(ctx.file);
  const out: ValuesReadersLayer[] = [];
  for (const [index, chart] of ctx.view.items(ctx.view.get(ctx.view.doc.contents, 'helmCharts'))) {
    const entries: ReaderEntry[] = [];
    const file = entryOf(ctx, ctx.view.get(chart, 'valuesFile'), dir);
    if (file) entries.push(file);
    for (const [, item] of ctx.view.items(ctx.view.get(chart, 'additionalValuesFiles'))) {
      const more = entryOf(ctx, item, dir);
      if (more) entries.push(more);
    }
    const inline = ctx.view.get(chart, 'valuesInline');
    if (inline) entries.push(entryOf(ctx, inline, dir)!);
    const name = ctx.view.str(chart, 'name');
    const layer: ValuesReadersLayer = { kind: 'values-readers', file: ctx.file, what: `helmCharts entry ${name ?? index} of ${ctx.file}`, entries };
    if (naming(layer)) out.push(layer);
  }
  return out;
}
