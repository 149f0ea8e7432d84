import { promisify } from 'node:util';
import type { Source, SourceFile } from './types.js';

// node:child_process (and the net, dgram and stream modules it loads) is imported when git first
// runs: a scan without --base-ref never pays for it (start-up, decision 36).
const runner = async () => promisify((await import('node:child_process')).execFile);

/**
 * A directory of a git checkout as it is at another revision (`--base-ref main`), read through
 * git itself: `ls-tree` lists it with sizes, `cat-file` reads a blob. Nothing is checked out.
 */
export class GitSource implements Source {
  readonly name: string;
  private blobs?: Map<string, string>;

  constructor(
    private readonly dir: string,
    private readonly ref: string,
  ) {
    this.name = `${dir}@${ref}`;
  }

  async list(): Promise<SourceFile[]> {
    const run = await runner();
    const git = (...args: string[]) => run('git', ['-C', this.dir, ...args], { maxBuffer: 256 * 1024 * 1024 });
    const prefix = (await git('rev-parse', '--show-prefix')).stdout.trim();
    const { stdout } = await git('ls-tree', '-r', '-l', '--full-tree', this.ref, '--', prefix || '.');
    this.blobs = new Map();
    const files: SourceFile[] = [];
    for (const line of stdout.split('\n')) {
      const match = /^\d+ blob ([0-9a-f]+)\s+(\d+)\t(.+)$/.exec(line);
      if (!match) continue;
      const path = match[3]!.slice(prefix.length);
      this.blobs.set(path, match[1]!);
      files.push({ path, size: Number(match[2]) });
    }
    return files;
  }

  async read(path: string): Promise<Uint8Array> {
    const blob = this.blobs?.get(path);
    if (!blob) throw new Error(`${path} is not in ${this.name}`);
    const run = await runner();
    const { stdout } = await run('git', ['-C', this.dir, 'cat-file', 'blob', blob], { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  }
}
