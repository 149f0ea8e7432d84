import type { Redis } from 'ioredis';

export type Existence = { status: 'present' } | { status: 'missing'; message: string } | { status: 'unknown'; message: string };

/**
 * Where the deployment tracker keeps image-existence answers for their TTL: in this process, or in
 * Redis (fleet mode) so a restart or another replica reuses them. A store that fails is a miss
 * (the registry is asked again), never an answer: `get` and `set` do not throw.
 */
export interface ExistenceStore {
  get(key: string): Promise<Existence | undefined>;
  set(key: string, answer: Existence, ttlMs: number): Promise<void>;
}

/** Answers in memory, bounded: the oldest entry goes when `maxEntries` is passed. */
export class MemoryExistenceStore implements ExistenceStore {
  private readonly entries = new Map<string, { until: number; answer: Existence }>();

  constructor(private readonly now: () => number, private readonly maxEntries = 20_000) {}

  async get(key: string): Promise<Existence | undefined> {
    const entry = this.entries.get(key);
    if (entry && this.now() < entry.until) return entry.answer;
    this.entries.delete(key);
    return undefined;
  }

  async set(key: string, answer: Existence, ttlMs: number): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { until: this.now() + ttlMs, answer });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

function isExistence(value: unknown): value is Existence {
  const v = value as { status?: unknown; message?: unknown } | null;
  if (!v || typeof v !== 'object') return false;
  return v.status === 'present' || ((v.status === 'missing' || v.status === 'unknown') && typeof v.message === 'string');
}

/** Answers in Redis under `<prefix>:exists:<reference>`, each expiring with its TTL (SET PX). */
export class RedisExistenceStore implements ExistenceStore {
  constructor(private readonly redis: Redis, private readonly prefix: string) {}

  async get(key: string): Promise<Existence | undefined> {
    try {
      const text = await this.redis.get(`${this.prefix}:exists:${key}`);
      const value: unknown = text === null ? undefined : JSON.parse(text);
      // Something else under our key (another version, a hand edit) is a miss, not an answer.
      return isExistence(value) ? value : undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, answer: Existence, ttlMs: number): Promise<void> {
    try {
      await this.redis.set(`${this.prefix}:exists:${key}`, JSON.stringify(answer), 'PX', Math.max(1, Math.round(ttlMs)));
    } catch {
      // The answer still serves this sweep; only sharing it failed.
    }
  }
}

/** The tracker's store for fleet mode, on the client the fleet already holds. */
export function createTrackerStore(redis: Redis, prefix: string): ExistenceStore {
  return new RedisExistenceStore(redis, prefix);
}
