import { isCandidate } from '../extractors/index.js';
import { generatorFiles } from './pr-needs.js';

/** YAML files of the tree searched for ApplicationSets at most, when a PR changes only what may be a generator's config file. */
export const MAX_APPSET_SEARCH = 300;
const ARGO_PATH = /argo|appset|applicationset/i;
const KIND_LINE = /^(?:apiVersion|kind):/m;

/**
 * The changed files that may be config files of an ApplicationSet's git files generator, which no
 * fetched file explains: a JSON file, or a YAML file without a top-level `kind:`/`apiVersion:` (plain data).
 */
export function possibleConfigs(changed: readonly string[], texts: ReadonlyMap<string, string | null>): string[] {
  return changed.filter((path) => /\.json$/i.test(path) || (/\.ya?ml$/i.test(path) && texts.get(path) != null && !KIND_LINE.test(texts.get(path)!)));
}

/**
 * Where to look for the ApplicationSets that may read such a file, from the tree listing alone:
 * every YAML file of the tree when it has at most MAX_APPSET_SEARCH of them, else those whose path
 * names Argo CD (`argo`, `appset`, `applicationset`), the first MAX_APPSET_SEARCH in path order. A
 * file elsewhere in a large tree is not searched (docs/decisions/0047).
 */
export function appSetSearch(tree: readonly string[], templateExtensions?: readonly string[]): string[] {
  const yaml = tree.filter((path) => /\.ya?ml$/i.test(path) && isCandidate(path, templateExtensions));
  return (yaml.length <= MAX_APPSET_SEARCH ? yaml : yaml.filter((path) => ARGO_PATH.test(path))).slice(0, MAX_APPSET_SEARCH);
}

/** The fetched ApplicationSets whose git files generators match one of the files, and the files they match. */
export function readers(texts: Iterable<[string, string]>, files: readonly string[]): { sets: Set<string>; matched: Set<string> } {
  const sets = new Set<string>();
  const matched = new Set<string>();
  for (const [path, text] of texts) {
    const found = generatorFiles([[path, text]], files);
    if (found.size === 0) continue;
    sets.add(path);
    for (const file of found) matched.add(file);
  }
  return { sets, matched };
}
