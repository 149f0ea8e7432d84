/**
 * The resolver's cache. Async so that a shared backend (Redis) can implement it later; the
 * in-memory one below is per instance, never module state.
 */
export interface ResolverCache {
  get<T>(key: string): Promise<T | undefined>;
  /** `ttlMs` undefined keeps the entry until it is evicted (for facts addressed by digest). */
  set<T>(key: string, value: T, ttlMs?: number): Promise<void>;
  /** The answer for a missed `key` could not be fetched: a cache that leases the fill (the fleet's) frees it. */
  release?(key: string): Promise<void>;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

/** A bounded LRU with per-entry TTL, on a Map's insertion order. */
export class MemoryCache implements ResolverCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value as T;
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: ttlMs === undefined ? Infinity : this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
