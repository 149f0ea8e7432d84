/** One commit of the default branch as the deploy tracker reads it (GraphQL history, newest first). */
export interface HistoryCommit {
  sha: string;
  /** Committer date, ISO 8601: for a merge through GitHub, when it was merged. */
  date: string;
  message: string;
  parents: string[];
  /** The pull request this commit merged, if any. */
  pull?: PullLink;
  /** Commit statuses, latest per context. */
  statuses: { context: string; state: string }[];
  /** GitHub Deployments of this commit, with their latest status. */
  deployments: { environment: string; state: string }[];
}

export interface PullLink {
  number: number;
  url: string;
  title: string;
}

/** A successful deployment of one commit by one unit (a Flux Kustomization, an Argo CD app, an environment). */
export interface Signal {
  sha: string;
  unit: string;
  /** What said so: the status context or `deployment:<environment>`. */
  source: string;
}

/** Something that deploys a directory of the repository. */
export interface DeployUnit {
  name: string;
  kind: 'flux' | 'argocd';
  /** Repository path it deploys, without leading `./` or trailing `/`; '' for the whole repository. */
  path: string;
}

export interface ImageChange {
  file: string;
  line: number;
  before?: string;
  after?: string;
}

/** A merge to the default branch that changes manifests, and what the tracker knows of it. */
export interface TrackedMerge {
  sha: string;
  date: string;
  message: string;
  pull?: PullLink;
  /** Changed manifest paths (files extractors read). */
  paths: string[];
  units: string[];
  images: ImageChange[];
}

export interface MissingImage {
  image: string;
  /** Where it is referenced: `file:line` at which revision. */
  where: string[];
  revision: 'head' | 'deployed' | 'both';
}

export interface RetentionRisk {
  image: string;
  reason: string;
  suggestion: string;
}
