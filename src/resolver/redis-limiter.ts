import type { Redis } from 'ioredis';
import pLimit, { type LimitFunction } from 'p-limit';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { Semaphore } from 'redis-semaphore';
import { seconds } from './budget.js';
import { RegistryError } from './errors.js';
import type { HostLimit, Rate } from './host-limits.js';
import { consumeWithin, type RequestLimiter } from './limiter.js';

export interface RedisLimiterOptions {
  /** Namespaces the keys (IMAGEPIN_REDIS_PREFIX), so one Redis can serve several installations. */
  prefix: string;
  /** How long a slot outlives its holder's last refresh: the slots of a replica that dies are free after this. */
  slotTtlMs?: number;
  /** How often a waiting request asks Redis again for a slot. */
  retryMs?: number;
}

/** A Redis failure while refreshing a held slot is not thrown from a timer (that would crash the process): the next refresh tries again, and the slot expires if Redis stays away. */
class FleetSemaphore extends Semaphore {
  protected override async _refresh(): Promise<boolean> {
    try {
      return await super._refresh();
    } catch {
      return true;
    }
  }
}

function unavailable(key: string, err: Error): RegistryError {
  return new RegistryError('own-limit', `imagepin's shared request limit for ${key} is kept in Redis, which failed (${err.message}); the request was not sent`);
}

/** `work`, or `late` when it takes longer than `ms` (a Redis that never answers must not hang the analysis). */
async function within<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(late()), ms)).unref());
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Per-host limits for a whole fleet, in Redis. Concurrency: a redis-semaphore `Semaphore` per host
 * (a sorted set of holders; a holder refreshes its entry while it runs, and an entry not refreshed
 * for `slotTtlMs` is dropped, so a replica that dies frees its slots). Each replica first queues
 * locally (p-limit, same number), so at most `concurrency` of its requests poll Redis per host.
 * Rate: rate-limiter-flexible's `RateLimiterRedis` (a fixed window per host). When Redis fails or
 * does not answer, the request is not sent and fails with a message that says so.
 */
export class RedisLimiter implements RequestLimiter {
  private readonly local = new Map<string, LimitFunction>();
  private readonly rates = new Map<string, RateLimiterRedis>();
  private readonly slotTtlMs: number;

  constructor(private readonly redis: Redis, private readonly o: RedisLimiterOptions) {
    this.slotTtlMs = o.slotTtlMs ?? 15_000;
  }

  slot<T>(key: string, limit: HostLimit, waitMs: number, work: () => Promise<T>): Promise<T> {
    const id = `${key}#${limit.concurrency}`;
    let local = this.local.get(id);
    if (!local) this.local.set(id, (local = pLimit(limit.concurrency)));
    return local(() => this.shared(key, limit, waitMs, work));
  }

  private async shared<T>(key: string, limit: HostLimit, waitMs: number, work: () => Promise<T>): Promise<T> {
    const semaphore = new FleetSemaphore(this.redis, `${this.o.prefix}:limit:${key}`, limit.concurrency, {
      lockTimeout: this.slotTtlMs,
      refreshInterval: Math.round(this.slotTtlMs / 3),
      acquireTimeout: Math.max(1, waitMs),
      retryInterval: this.o.retryMs ?? 25,
      // A lost slot (Redis away longer than slotTtlMs) lets the request in flight finish; it is not retried.
      onLockLost: () => undefined,
    });
    const acquiring = semaphore.tryAcquire();
    let acquired: boolean;
    try {
      acquired = await within(acquiring, waitMs + 2_000, () => new Error(`no answer within ${seconds(waitMs + 2_000)}`));
    } catch (err) {
      // Acquired after all, once Redis answers: hand it back rather than hold it until it expires.
      void acquiring.then((held) => (held ? semaphore.release() : undefined)).catch(() => undefined);
      throw unavailable(key, err as Error);
    }
    if (!acquired) throw new RegistryError('own-limit', `imagepin waited ${seconds(waitMs)} for one of the ${limit.concurrency} requests at once that the fleet allows ${key}; the request was not sent`);
    try {
      return await work();
    } finally {
      // A failed release is not an error of this request: the slot expires after slotTtlMs.
      await semaphore.release().catch(() => undefined);
    }
  }

  pace(key: string, rate: Rate, waitMs: number): Promise<void> {
    const id = `${key}#${rate.points}/${rate.seconds}`;
    let limiter = this.rates.get(id);
    if (!limiter) {
      limiter = new RateLimiterRedis({ storeClient: this.redis, useRedisPackage: false, rejectIfRedisNotReady: true, keyPrefix: `${this.o.prefix}:rate`, points: rate.points, duration: rate.seconds });
      this.rates.set(id, limiter);
    }
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
    const paced = consumeWithin(limiter, key, rate, waitMs, (err) => unavailable(key, err), sleep);
    return within(paced, waitMs + 2_000, () => unavailable(key, new Error(`no answer within ${seconds(waitMs + 2_000)}`)));
  }

  async close(): Promise<void> {
    this.local.clear();
    this.rates.clear();
  }
}

/** The fleet's limiter on the client fleet mode already holds (REDIS_URL, IMAGEPIN_REDIS_PREFIX). */
export function createSharedLimiter(redis: Redis, prefix: string, options: Omit<RedisLimiterOptions, 'prefix'> = {}): RequestLimiter {
  return new RedisLimiter(redis, { ...options, prefix });
}
