import type { ImageReference } from '../../model/reference.js';

export type ProtectMode = 'off' | 'dry-run' | 'on';

/** Why an image is protected: the revisions that reference it. */
export type Why = 'default branch' | 'deployed' | 'rollback window';

export type Ref = Pick<ImageReference, 'registry' | 'repository' | 'tag' | 'digest'>;

/** An image one repository needs kept: referenced at its head, a deployed revision or in the rollback window. */
export interface ProtectedImage {
  ref: Ref;
  why: Why[];
}

/** A tag one repository asks to keep: `registry/repository:tag`. */
export interface KeptTag {
  registry: string;
  repository: string;
  tag: string;
}

/** One repository's part of the protected set, from its last complete sweep. */
export interface Contribution {
  at: number;
  tags: KeptTag[];
}

/** What protection did (or, in a dry run, would do) for one repository's images; rendered in its tracking issue. */
export interface ProtectionReport {
  mode: 'dry-run' | 'on';
  /** Per registry project: this repository's images in it and the project's rule changes. */
  projects: ProjectOutcome[];
  /** Images a tag rule cannot protect, each with why. */
  unprotectable: string[];
  /** Registry hosts in use that no protection backend serves. */
  unavailable: string[];
  /** One line per failure: nothing of that project was changed past the failing call. */
  faults: string[];
  notes: string[];
}

export interface ProjectOutcome {
  /** `Harbor project \`apps\``. */
  label: string;
  /** This repository's images there, `builds-api:0.0.130 (deployed)`, that the rules cover (or would). */
  covered: string[];
  /** This repository's images there the rules do not cover (a failure, or the project is full). */
  uncovered: string[];
  /** The project's rule changes, in words: applied when `applied`, else planned. */
  changes: string[];
  applied: boolean;
}
