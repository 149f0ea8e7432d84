/** One file a source offers, with its size so huge files can be refused before they are read. */
export interface SourceFile {
  path: string;
  size: number;
  /** Known to be binary without reading it (GitHub says so); reported and never read. */
  binary?: boolean;
  /** Could not be read or listed (a folder when `path` ends in `/`): reported with this reason, never read. */
  unreadable?: string;
}

/**
 * A read-only view of a tree of files: a local directory, one side of a GitHub pull request, or
 * memory in tests. Paths are relative, with forward slashes.
 */
export interface Source {
  readonly name: string;
  list(): Promise<SourceFile[]>;
  /**
   * Every file path of the tree, when `list` offers only part of it (a pull request's fetched
   * files); undefined when even that is not known. Without this method, `list` is the whole tree.
   */
  tree?(): Promise<readonly string[] | undefined>;
  read(path: string): Promise<Uint8Array>;
}
