import type { ResolveErrorKind } from './errors.js';

/** What the registry says about one reference. */
export interface Resolution {
  /** The canonical reference that was resolved. */
  reference: string;
  status: 'resolved' | 'unresolved';
  /** The digest the tag points to now (or the pinned digest for a digest-only reference). */
  digest?: string;
  mediaType?: string;
  /** `os/architecture[/variant]` of each image in an index, or of a single image; only when asked for. */
  platforms?: string[];
  /** The release version: the tag itself, or the release tag that shares a floating tag's digest. */
  version?: string;
  /**
   * `tag`: the tag is a release; `shared-digest`: a release tag shares the floating tag's digest;
   * `development-build`: no release among the newest shares it (every candidate answered and the
   * tag list was complete); `undetermined`: imagepin could not tell (see `versionNote`, and `notes`
   * when the tag list was cut at the pagination cap); `unknown`: not looked up.
   */
  versionSource?: 'tag' | 'shared-digest' | 'development-build' | 'undetermined' | 'unknown';
  /** Why the release could not be told (`undetermined`), in a few words. */
  versionNote?: string;
  /** For a short tag (`16`, `16.4`): whether the registry has longer tags below it (`16.4.1`), so it is partial. */
  partial?: boolean;
  /** For `tag@digest`: whether the pinned digest exists, and whether the tag still points to it. */
  pinned?: { digest: string; exists: boolean; tagMatches: boolean };
  error?: { kind: ResolveErrorKind; message: string; retryable: boolean };
  /** What limited the answer without failing it (a tag list cut at the pagination cap). */
  notes?: string[];
}
