import { basename, dirname } from 'node:path/posix';
import type { GitGenerator } from '../../model/generators.js';
import { flatKey } from '../../extractors/common/go-value.js';
import { repoOf } from '../../extractors/argocd/other-repository.js';
import type { GitTree } from './git-files.js';
import { filesMatcher, pathMatcher, treeFolders } from './glob.js';
import { render, type Origin, type Param, type Params } from './template.js';

/** A generator's parameter sets, or why they cannot be told (the whole generator then fails in Argo CD too). */
export type Generated = { sets: Params[] } | { unknown: string };

export interface GitContext {
  file: string;
  goTemplate: boolean;
  tree: GitTree;
}

/** The `path` parameters of one matched folder (and file), as git.go names them in each template language. */
function pathParams(spec: GitGenerator, goTemplate: boolean, dir: string, origin: Origin, file?: string): Params {
  const params: Params = {};
  const set = (key: string, value: string, unknown?: string): void => void (params[key] = { value, origin, line: origin.line, ...(unknown && { unknown }) });
  const prefix = spec.pathParamPrefix ? `${spec.pathParamPrefix}.` : '';
  const name = goTemplate ? `${prefix}path.path` : `${prefix}path`;
  const base = goTemplate ? `${prefix}path` : name;
  set(name, dir);
  set(`${base}.basename`, basename(dir) || dir);
  if (file) set(`${base}.filename`, basename(file));
  for (const key of ['basenameNormalized', ...(file ? ['filenameNormalized'] : [])]) set(`${base}.${key}`, '', `imagepin does not compute ${base}.${key} (Argo CD's name sanitising)`);
  dir.split('/').forEach((segment, i) => {
    if (goTemplate) set(`${base}.segments[${i}]`, segment);
    else if (segment !== '') set(`${name}[${i}]`, segment);
  });
  return params;
}

/** A path entry of the generator, filled from the outer matrix element; undefined with the reason when it cannot be. */
function entryPath(path: string, outer: Params, ctx: GitContext): { path: string } | { unknown: string } {
  const filled = render(path, outer, ctx.goTemplate, 'the first matrix generator');
  return filled.unknown.length ? { unknown: `path ${path}: ${filled.unknown.join('; ')}` } : { path: filled.text };
}

/**
 * A git generator over this tree: `files:` (each matched JSON/YAML file's keys, flattened for
 * fasttemplate, plus its `path` parameters) or `directories:` (each matched folder). Its repoURL is
 * read as this repository; when the caller knows which repository that is, another one is unknown.
 */
export function gitSets(spec: GitGenerator, ctx: GitContext, outer: Params): Generated {
  const where = `the git generator at ${ctx.file} line ${spec.line}`;
  if (ctx.tree.partial) return { unknown: `${where}: ${ctx.tree.partial}` };
  const repo = ctx.tree.repository;
  if (repo && spec.repoURL && repoOf(spec.repoURL) !== repo.toLowerCase()) return { unknown: `${where} reads ${spec.repoURL}, which is not this repository (${repo})` };
  let note = repo ? undefined : `(imagepin reads this tree as ${spec.repoURL ?? 'its repoURL'}, assuming it is this repository)`;
  const entries = spec.files.length ? spec.files : spec.directories;
  if (entries.length === 0) return { unknown: `${where} has neither files nor directories: Argo CD stops with an error` };
  const filled = entries.map((entry) => ({ entry, path: entryPath(entry.path, outer, ctx) }));
  const bad = filled.find((p) => 'unknown' in p.path);
  if (bad && 'unknown' in bad.path) return { unknown: `${where}: ${bad.path.unknown}` };
  const paths = filled.map(({ entry, path }) => ({ entry, path: (path as { path: string }).path }));
  const cache = (ctx.tree.cache ??= {});
  const candidates = spec.files.length ? (cache.sorted ??= [...ctx.tree.files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) : (cache.folders ??= treeFolders(ctx.tree.files));
  /** The candidates the entries match (an exclude entry wins), each with the first entry that matches it. */
  const matchWith = (doublestar: boolean): Map<string, { line: number; path: string }> => {
    const matchers = paths.map(({ entry, path }) => ({ entry, path, match: spec.files.length ? filesMatcher(path, doublestar) : pathMatcher(path) }));
    const hits = new Map<string, { line: number; path: string }>();
    for (const p of candidates) {
      let hit: { line: number; path: string } | undefined;
      let excluded = false;
      for (const m of matchers) {
        if (!m.match?.(p)) continue;
        if (m.entry.exclude) excluded = true;
        hit ??= m.entry.exclude ? undefined : { line: m.entry.line, path: m.path };
      }
      if (hit && !excluded) hits.set(p, hit);
    }
    return hits;
  };
  const globbing = ctx.tree.globbing;
  const first = matchWith(globbing?.doublestar === true);
  const matched = [...first.keys()];
  // Which dialect Argo CD uses is its controller's setting: said when the tree sets it, and when the other one would match other files here.
  if (spec.files.length && globbing?.doublestar !== undefined) note = `${note ? `${note} ` : ''}(files globbed as ${globbing.doublestar ? 'doublestar, the new git file globbing' : 'git pathspecs'}, set in ${globbing.where})`;
  else if (spec.files.length && [...matchWith(true).keys()].join('\n') !== matched.join('\n')) note = `${note ? `${note} ` : ''}(Argo CD's new git file globbing, which ${globbing ? `the tree sets both ways (${globbing.where})` : 'this tree does not set'}, would match other files here)`;
  const sets: Params[] = [];
  for (const p of matched) {
    const entry = first.get(p)!;
    if (!spec.files.length) {
      const origin: Origin = { kind: 'applicationset-git-directories', file: ctx.file, line: entry.line, what: `git directories generator path ${entry.path} matches folder ${p}`, ...(note && { note }) };
      sets.push(pathParams(spec, ctx.goTemplate, p, origin));
      continue;
    }
    const config = ctx.tree.configs.get(p);
    if (!config) return { unknown: `${where} matches ${p}, which imagepin did not read (it reads at most 256 config files)` };
    if ('error' in config) return { unknown: `${where} matches ${p}, but ${config.error}: Argo CD stops with an error` };
    const origin: Origin = { kind: 'applicationset-git-files', file: p, line: 1, what: `${p} (git files generator path ${entry.path}, ${ctx.file} line ${entry.line})`, ...(note && { note }) };
    for (const leaves of config.objects) {
      const params: Params = {};
      const pathKey = spec.pathParamPrefix ?? 'path';
      for (const leaf of leaves) {
        // goTemplate keeps the file's maps, and the `path` map replaces a top-level `path` key of the file.
        if (ctx.goTemplate && leaf.path[0] === pathKey) continue;
        const key = leaf.path.reduce<string>((k, part) => flatKey(k, part, ctx.goTemplate), '');
        params[key] = { value: leaf.value, origin, line: leaf.line } satisfies Param;
      }
      sets.push({ ...params, ...pathParams(spec, ctx.goTemplate, dirname(p), origin, p) });
    }
  }
  return { sets };
}
