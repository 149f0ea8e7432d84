import type { Diagnostic, FileResult } from '../model/file-result.js';
import { Compactor } from './compact.js';
import { contain } from './contain.js';
import { addEffective } from './effective/index.js';
import type { GitTree } from './effective/git-files.js';
import type { Layer } from '../model/layers.js';
import type { Inventory } from './scan.js';
import { compareText } from '../text-order.js';
import type { NotFollowed } from '../model/not-followed.js';
import { otherRepository } from '../extractors/argocd/other-repository.js';

/** The notices of every file: remote includes as they are, Argo CD git sources only where they name another repository than the one analysed. */
export function notFollowedOf(results: readonly FileResult[], repository: string | undefined): NotFollowed[] {
  return results.flatMap((r) => r.notFollowed ?? []).flatMap((n) => {
    if (n.code !== 'other-repository') return [n];
    const other = otherRepository(n, repository);
    return other ? [other] : [];
  });
}

/**
 * Collects the inventory file by file, in the order files are added. It holds what each file
 * yielded (occurrences, charts, layers, ...), never a file's text or its parsed documents, so the
 * texts of a tree are not all in memory at once.
 */
export class InventoryBuilder {
  private readonly results: FileResult[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly compactor = new Compactor();

  constructor(private readonly source: string) {}

  /** A file that could not be read (or was refused before reading): its diagnostic only. */
  readFailed(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
  }

  /** What one file yielded, made compact (shared strings, paths and positions) as it comes. */
  add(result: FileResult): void {
    this.results.push(this.compactor.file(result));
  }

  /** The layers recorded so far (what the git generators of ApplicationSets need read before `done`). */
  layers(): Layer[] {
    return this.results.flatMap((r) => r.layers ?? []);
  }

  /** The inventory, after the effective-reference pass; read failures come before extraction diagnostics of the same file. */
  done(tree?: GitTree): Inventory {
    const { results, diagnostics } = this;
    // Effective references: a post-pass over what the files recorded, never a second read.
    const unlisted = contain({ file: '.', what: 'effective references (kustomize overlays, Flux substitutions, Argo CD value files, ApplicationSet generators)' }, diagnostics, undefined, () => addEffective(results, tree)) ?? [];
    return {
      source: this.source,
      files: results.filter((r) => r.formats.length > 0).map((r) => ({ file: r.file, formats: r.formats })),
      occurrences: results.flatMap((r) => r.occurrences),
      charts: results.flatMap((r) => r.charts),
      mirrors: results.flatMap((r) => r.mirrors),
      repositories: results.flatMap((r) => r.repositories),
      registryHosts: results.flatMap((r) => r.registryHosts ?? []),
      diagnostics: [...diagnostics, ...results.flatMap((r) => r.diagnostics)].sort((a, b) => compareText(a.file, b.file)),
      notFollowed: [...notFollowedOf(results, tree?.repository), ...unlisted],
    };
  }
}
