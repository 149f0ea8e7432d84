import type { Source, SourceFile } from './types.js';
import { compareText } from '../text-order.js';

/** Files held in memory: for tests, and for content already fetched from elsewhere. */
export class MemorySource implements Source {
  private readonly files: Map<string, Uint8Array>;

  constructor(
    files: Record<string, string | Uint8Array>,
    readonly name = 'memory',
  ) {
    const encoder = new TextEncoder();
    this.files = new Map(Object.entries(files).map(([path, content]) => [path, typeof content === 'string' ? encoder.encode(content) : content]));
  }

  async list(): Promise<SourceFile[]> {
    return [...this.files].map(([path, bytes]) => ({ path, size: bytes.byteLength })).sort((a, b) => compareText(a.path, b.path));
  }

  async read(path: string): Promise<Uint8Array> {
    const bytes = this.files.get(path);
    if (!bytes) throw new Error(`no file ${path} in ${this.name}`);
    return bytes;
  }
}
