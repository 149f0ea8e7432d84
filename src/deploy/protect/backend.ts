/**
 * A registry that can keep tags from being deleted (Harbor's immutable-tag rules; Quay's
 * immutability policies and GitLab's protection rules have the same shape). A second backend is
 * one file implementing this, listed in `protectionBackends`.
 */
export interface ProtectionBackend {
  /** `Harbor`: how the tracking issue names it. */
  readonly kind: string;
  /** The registry host whose images it protects. */
  readonly registry: string;
  /** The project a repository path belongs to, and the repository's name inside it. */
  locate(repository: string): { project: string; name: string } | undefined;
  /**
   * Reads the project and plans its rules for `desired` (tags per repository name). With
   * `narrow` false, nothing imagepin protects now is let go (the protected set may be incomplete).
   * Nothing is written.
   */
  plan(project: string, desired: Map<string, Set<string>>, options: { narrow: boolean }): Promise<BackendPlan>;
  /** imagepin's own rules in a project, one line each, for listing before removal. */
  owned(project: string): Promise<{ id: number; text: string }[]>;
  /** Deletes imagepin's own rules (by id, as `owned` listed them). */
  remove(project: string, ids: number[]): Promise<void>;
}

export interface BackendPlan {
  /** The changes in words, in the order `apply` makes them; empty when the project is up to date. */
  changes: string[];
  /** Said in the tracking issue: the rule limit shaped the plan, and how. */
  notes: string[];
  /** Set when nothing can be protected in this project, with why and what to do. */
  blocked?: string;
  /** Whether imagepin's rules cover a tag: now, or once the plan is applied. */
  covers(name: string, tag: string, when: 'now' | 'planned'): boolean;
  /** Makes the changes one call at a time; on a failure it stops and throws, saying how many were made. */
  apply(): Promise<void>;
}
