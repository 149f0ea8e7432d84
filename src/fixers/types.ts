import type { Occurrence } from '../model/occurrence.js';

/** Replace `[start, end)` of a file's text with `text` (an insertion when start === end). */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The edits that change one occurrence, and what it must read as afterwards. */
export interface Fix {
  kind: 'pin' | 'mirror';
  occurrence: Occurrence;
  edits: Edit[];
  /** The canonical reference the occurrence must have once the edits are applied. */
  intended: string;
  from: string;
  to: string;
  /** Why, in a few words ("floating tag latest is release 1.27.3"). */
  why: string;
  /** How to read the result back when re-extracting the file alone cannot (a chart default overridden in values). */
  confirm?: (text: string) => string | undefined;
}

export interface Skipped {
  occurrence: Occurrence;
  reason: string;
}

/** One file's fixed text, with the fixes it carries (each confirmed by re-extraction). */
export interface FileChange {
  path: string;
  before: string;
  after: string;
  fixes: Fix[];
}
