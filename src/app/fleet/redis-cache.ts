import type { Redis } from 'ioredis';
import type { ResolverCache } from '../../resolver/cache.js';

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
 * asking too, so a cold tag costs one request for the whole fleet. If the holder fails, its
 * lease lapses and the next one asks. A Redis error is a miss (the registry is asked), never a wrong answer.
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
        const text = await this.redis.get(this.key(key));
        if (text !== null) return JSON.parse(text) as T;
        if ((await this.redis.set(this.lease(key), '1', 'PX', this.leaseMs, 'NX')) === 'OK') return undefined;
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

  private key(key: string): string {
    return `${this.prefix}:cache:${key}`;
  }

  private lease(key: string): string {
    return `${this.prefix}:lease:${key}`;
  }
}
