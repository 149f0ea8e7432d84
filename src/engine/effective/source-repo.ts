import type { ArgoHelmLayer } from '../../model/layers.js';
import { repoOf } from '../../extractors/argocd/other-repository.js';

/** What imagepin adds to what it reads of an Application's path when it cannot know that the source is this repository. */
export const ASSUMED = "(imagepin reads the Application's path in this tree, assuming its repoURL is this repository)";

/**
 * Where an Argo CD git source's files are: `this` repository; `other`, a repository that is known
 * not to be this one (its files are not in the tree); `assumed`, not known (the repository analysed
 * is not known, or the repoURL is templated), so the tree is read as the source with a note saying so.
 */
export type SourceRepo = { kind: 'this' } | { kind: 'other'; url: string; repository: string } | { kind: 'assumed' };

/** `repoURL` of a git source (undefined: a chart source, or none written) against `repository` (`owner/repo`) of the tree. */
export function sourceRepo(repoURL: string | undefined, repository: string | undefined): SourceRepo {
  if (repoURL === undefined) return { kind: 'this' };
  if (!repository || /\{\{|\$\{/.test(repoURL)) return { kind: 'assumed' };
  const named = repoOf(repoURL);
  return named === repository.toLowerCase() ? { kind: 'this' } : { kind: 'other', url: repoURL, repository: named };
}

/** An Application (not an ApplicationSet) whose git source is known to be another repository: nothing of its `path` is in this tree. */
export function otherSource(layer: { kind: string }, repository: string | undefined): boolean {
  if (layer.kind !== 'argo-helm') return false;
  const app = layer as ArgoHelmLayer;
  return !app.set && sourceRepo(app.repoURL, repository).kind === 'other';
}

/** Why a path of another repository is not read: `what` is the entry (`valueFiles entry x (file line n)`). */
export function otherText(what: string, repo: Extract<SourceRepo, { kind: 'other' }>, repository: string): string {
  return `${what} is in ${repo.url}, which is not this repository (${repository}); imagepin did not read it`;
}
