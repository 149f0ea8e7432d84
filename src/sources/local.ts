import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Source, SourceFile } from './types.js';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.terraform']);

/** The reason a path cannot be read, as a person fixes it (`permission denied`), from Node's error code. */
function why(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code}): make it readable by the user imagepin runs as`;
  return (err as Error).message;
}

/**
 * A directory on disk. Symbolic links are not followed, so a repository cannot point the scan
 * outside itself; `.git` and `node_modules` are skipped.
 */
export class LocalSource implements Source {
  readonly name: string;
  /** Whether the root is a single file rather than a directory, learned once by list(). */
  private single?: boolean;

  constructor(private readonly root: string) {
    this.name = root;
  }

  async list(): Promise<SourceFile[]> {
    const rootStat = await lstat(this.root);
    this.single = rootStat.isFile();
    if (this.single) return [{ path: this.root.split(sep).pop() ?? this.root, size: rootStat.size }];
    const files: SourceFile[] = [];
    const pending = [this.root];
    while (pending.length > 0) {
      const dir = pending.pop()!;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (err) {
        // An unreadable folder is reported like an unreadable file; the rest of the tree is still listed.
        files.push({ path: `${relative(this.root, dir).split(sep).join('/') || '.'}/`, size: 0, unreadable: why(err) });
        continue;
      }
      for (const entry of entries) if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) pending.push(join(dir, entry.name));
      const regular = entries.filter((entry) => entry.isFile()).map((entry) => join(dir, entry.name));
      const stats = await Promise.allSettled(regular.map((full) => lstat(full)));
      regular.forEach((full, i) => {
        const stat = stats[i]!;
        const path = relative(this.root, full).split(sep).join('/');
        files.push(stat.status === 'fulfilled' ? { path, size: stat.value.size } : { path, size: 0, unreadable: why(stat.reason) });
      });
    }
    return files.sort((a, b) => a.path.localeCompare(b.path));
  }

  async read(path: string): Promise<Uint8Array> {
    this.single ??= (await lstat(this.root)).isFile();
    try {
      return await readFile(this.single ? this.root : join(this.root, ...path.split('/')));
    } catch (err) {
      throw new Error(why(err), { cause: err });
    }
  }
}
