import { dirname } from 'node:path/posix';
import { isCandidate } from '../extractors/index.js';

/** Files a rule or an extractor needs wherever they are: Chart.yaml above a values file, node mirror configs, Talos config. */
const TALOS_OR_MIRRORS = /(?:^|\/)(?:hosts\.toml|talconfig\.ya?ml)$|(?:^|\/)(?:talos|talhelper|omni)\/(?:.*\/)?[^/]+$/;
/** Where repositories keep their chart sources (HelmRepository, OCIRepository, GitRepository). */
const CHART_SOURCES = /(?:^|\/)(?:repositories|repos|sources|helm-repositories|helmrepositories)\/(?:[^/]+\/)?[^/]+$|(?:^|\/)[^/]*(?:helm-?repositor|oci-?repositor|gitrepositor)[^/]*$/i;
export const KUSTOMIZATION = /(?:^|\/)(?:kustomization|ks)\.ya?ml$/;
const CHART_FILE = /(?:^|\/)Chart\.ya?ml$/;

/**
 * The files of the head tree, beyond the changed ones, that the analysis of a PR needs, chosen from
 * the tree listing alone (no call per file): every Chart.yaml in or above a changed file's directory,
 * node mirror and Talos config anywhere (talconfig.yaml, talos/, omni/, hosts.toml), chart sources
 * (`repositories/`, `*ocirepository*.yaml`, ...), the YAML files beside a changed file (its
 * HelmRelease's OCIRepository, its kustomization), the kustomization.yaml of every directory above it,
 * and the kustomizations under the folder two levels above it (the overlays of a base).
 */
export function contextFiles(tree: readonly string[], changed: Iterable<string>, templateExtensions?: readonly string[]): Set<string> {
  const dirs = new Set<string>();
  const own = new Set<string>();
  // Overlays beside a base (app/base, app/overlays/prod): every kustomization under the folder two above a changed file.
  const near: string[] = [];
  for (const path of changed) {
    own.add(dirname(path));
    near.push(`${dirname(dirname(dirname(path)))}/`);
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      dirs.add(dir);
      if (dir === '.' || dir === '/') break;
    }
  }
  const wanted = new Set<string>();
  for (const path of tree) {
    if (!isCandidate(path, templateExtensions)) continue;
    const dir = dirname(path);
    const kustomization = KUSTOMIZATION.test(path) && (dirs.has(dir) || near.some((n) => n === './' || path.startsWith(n)));
    if (CHART_FILE.test(path) ? dirs.has(dir) : TALOS_OR_MIRRORS.test(path) || CHART_SOURCES.test(path) || own.has(dir) || kustomization) wanted.add(path);
  }
  return wanted;
}
