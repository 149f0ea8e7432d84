import type { Redis } from 'ioredis';
import type { ResolverCache } from '../../resolver/cache.js';

/**
 * The entry, or else the fill lease, in one step: read and lease apart let a waiter read "missing"
 * just before the holder stores the answer and frees the lease, then take the freed lease and ask
 * the registry a second time.
 */
const READ_OR_LEASE = `local v = redis.call('get', KEYS[1])
if v then return {1, v} end
if redis.call('set', KEYS[2], '1', 'PX', ARGV[1], 'NX') then return {0} end
return {2}`;
const HIT = 1;
const LEASED = 0;

export interface RedisCacheOptions {
  /** How long a digest-addressed answer (which never changes) is kept; bounded so Redis does not grow forever. */
  keepMs?: number;
  /** How long one replica may hold the right to fill a missing entry before others stop waiting for it. */
  leaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The resolver's cache in Redis, shared by the fleet: a tag's answer with its TTL, facts addressed
 * by digest kept for `keepMs`. A miss takes a short fill lease (SET NX PX): the replica that gets
 * it asks the registry and `set` stores the answer; the others wait for that answer instead of
 * asking too, so a cold tag costs one request for the whole fleet. If the holder's fetch fails,
 * it frees the lease (`release`) and the next one asks; if the holder dies, the lease lapses. A Redis error is a miss (the registry is asked), never a wrong answer.
 */
export class RedisCache implements ResolverCache {
  private readonly keepMs: number;
  private readonly leaseMs: number;

  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly o: RedisCacheOptions = {}) {
    this.keepMs = o.keepMs ?? 30 * 24 * 60 * 60_000;
    this.leaseMs = o.leaseMs ?? 15_000;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const sleep = this.o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    try {
      for (let wait = 10; ; wait = Math.min(wait * 2, 250)) {
        const [state, text] = (await this.redis.eval(READ_OR_LEASE, 2, this.key(key), this.lease(key), String(this.leaseMs))) as [number, string?];
        if (state === HIT) return JSON.parse(text!) as T;
        if (state === LEASED) return undefined;
        await sleep(wait);
      }
    } catch {
      return undefined;
    }
  }

  async set<T>(key: string, value: T, ttlMs?: number): Promise<void> {
    try {
      await this.redis.multi().set(this.key(key), JSON.stringify(value), 'PX', Math.max(1, Math.round(ttlMs ?? this.keepMs))).del(this.lease(key)).exec();
    } catch {
      // The answer is still returned to the caller; only sharing it failed.
    }
  }

  /** The fetch this replica leased failed: the lease is freed, so a waiting replica asks now rather than when it lapses. */
  async release(key: string): Promise<void> {
    try {
      await this.redis.del(this.lease(key));
    } catch {
      // The lease then lapses after leaseMs.
    }
  }

  private key(key: string): string {
    return `${this.prefix}:cache:${key}`;
  }

  private lease(key: string): string {
    return `${this.prefix}:lease:${key}`;
  }
}
