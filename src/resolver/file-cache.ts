import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ResolverCache } from './cache.js';

/** The file's layout; a file of another version (or not JSON) is read as empty. */
const FORMAT = 1;

/** `expiresAt` null: kept until evicted (facts addressed by digest). */
type Stored = [expiresAt: number | null, value: unknown];

interface FileCacheOptions {
  /** Entries kept, the most recently written first (default 50,000, as the in-memory cache). */
  maxEntries?: number;
  /**
   * The longest an entry without a TTL is trusted once it is on disk, unless `immutable(key)`. A
   * digest's content never changes, but whether the registry still has it does (retention
   * policies prune): a HEAD by digest answered yesterday must not say "exists" today. Also the
   * longest TTL a caller gives: an entry on disk that says it is good for longer is not trusted.
   */
  maxAgeMs: number;
  /** Keys whose answer can never change (a digest's platform list): kept until evicted. */
  immutable: (key: string) => boolean;
  now?: () => number;
}

/**
 * The CLI's resolver cache on disk, so a re-run within the tag TTL asks the registries nothing.
 * The file is read once when the cache is opened; `flush()` writes it back. Concurrent runs are
 * safe: a flush re-reads the file, merges its own answers over it, and replaces it by renaming a
 * temporary file, so a reader sees the old file or the new one, never a half-written one (when two
 * runs flush at once, the later rename wins and the other's answers are asked again next time).
 * A missing, unreadable or corrupt file is an empty cache: it costs requests, never a wrong answer.
 */
export class FileCache implements ResolverCache {
  private readonly entries: Map<string, Stored>;
  private readonly written = new Map<string, Stored>();
  private readonly now: () => number;

  constructor(
    readonly file: string,
    private readonly options: FileCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.entries = this.load();
  }

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (!entry || (entry[0] !== null && entry[0] <= this.now())) return undefined;
    return entry[1] as T;
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    const ttl = ttlMs ?? (this.options.immutable(key) ? undefined : this.options.maxAgeMs);
    const entry: Stored = [ttl === undefined ? null : this.now() + ttl, value];
    this.entries.set(key, entry);
    this.written.set(key, entry);
  }

  /** Writes this run's answers over the file's current content; throws when the file cannot be written. */
  flush(): void {
    if (this.written.size === 0) return;
    const merged = this.load();
    for (const [key, entry] of this.written) {
      merged.delete(key);
      merged.set(key, entry);
    }
    const live = [...merged].filter(([, [expiresAt]]) => expiresAt === null || expiresAt > this.now());
    const kept = live.slice(Math.max(0, live.length - (this.options.maxEntries ?? 50_000)));
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify({ format: FORMAT, entries: Object.fromEntries(kept) }), { mode: 0o600 });
      renameSync(temp, this.file);
    } catch (err) {
      rmSync(temp, { force: true });
      throw err;
    }
    this.written.clear();
  }

  private load(): Map<string, Stored> {
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { format?: unknown; entries?: Record<string, Stored> };
      if (data.format !== FORMAT || typeof data.entries !== 'object' || data.entries === null) return new Map();
      // An entry this cache could not have written (kept for good though its key can change, or
      // trusted beyond the longest TTL, after the clock was set back) is dropped: asked again.
      const valid = ([key, e]: [string, Stored]): boolean =>
        Array.isArray(e) && e.length === 2 && (e[0] === null ? this.options.immutable(key) : typeof e[0] === 'number' && e[0] <= this.now() + this.options.maxAgeMs);
      return new Map(Object.entries(data.entries).filter(valid));
    } catch {
      return new Map();
    }
  }
}
