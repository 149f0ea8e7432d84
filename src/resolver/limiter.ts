import pLimit, { type LimitFunction } from 'p-limit';
import type { RateLimiterAbstract, RateLimiterMemory } from 'rate-limiter-flexible';
import { seconds } from './budget.js';
import { RegistryError } from './errors.js';
import type { HostLimit, Rate } from './host-limits.js';

/**
 * Where the per-host limits are kept: in this process (the embedded mode) or in Redis, shared by a
 * fleet (`RedisLimiter`). A limiter that cannot tell whether a request may go (its store is down)
 * throws a RegistryError, so the reference is reported unresolved: it never sends unlimited.
 */
export interface RequestLimiter {
  /** Runs `work` holding one of the host's `limit.concurrency` slots; gives up waiting after `waitMs`. */
  slot<T>(key: string, limit: HostLimit, waitMs: number, work: () => Promise<T>): Promise<T>;
  /** Waits for one request of the host's rate; throws when the wait would pass `waitMs`. */
  pace(key: string, rate: Rate, waitMs: number): Promise<void>;
  close(): Promise<void>;
}

/** A wait for a rate that would outlast the analysis: reported, not waited for. */
export function rateError(key: string, rate: Rate, waitMs: number): RegistryError {
  const per = rate.seconds === 1 ? 's' : 'm';
  return new RegistryError('own-limit', `imagepin's own limit of ${rate.points}/${per} for ${key} would delay this request by ${seconds(waitMs)}, past the analysis deadline`);
}

/**
 * Waits for one point of `limiter` under `key`, as long as the wait stays within `waitMs`.
 * rate-limiter-flexible rejects with a RateLimiterRes (not an Error) when the window is used up:
 * wait `msBeforeNext`; with an Error when its store fails: thrown on, as `storeError` words it.
 */
export async function consumeWithin(limiter: RateLimiterAbstract, key: string, rate: Rate, waitMs: number, storeError: (err: Error) => Error, sleep: (ms: number) => Promise<void>): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      await limiter.consume(key, 1);
      return;
    } catch (err) {
      const used = err as { msBeforeNext?: unknown };
      if (err instanceof Error || typeof used.msBeforeNext !== 'number') throw storeError(err as Error);
      const left = waitMs - (Date.now() - start);
      if (used.msBeforeNext > left) throw rateError(key, rate, used.msBeforeNext);
      await sleep(Math.max(1, used.msBeforeNext));
    }
  }
}

/** Keeps the process alive while it waits: a CLI waiting for its rate must not exit mid-scan. */
const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Today's behaviour, per instance: p-limit per host, and a rate kept in memory. */
export class InProcessLimiter implements RequestLimiter {
  private readonly slots = new Map<string, LimitFunction>();
  private readonly rates = new Map<string, RateLimiterMemory>();

  constructor(private readonly sleep: (ms: number) => Promise<void> = realSleep) {}

  slot<T>(key: string, limit: HostLimit, _waitMs: number, work: () => Promise<T>): Promise<T> {
    // A wait here ends with the analysis's budget: a request that gets its slot after the deadline fails at once.
    const id = `${key}#${limit.concurrency}`;
    let run = this.slots.get(id);
    if (!run) this.slots.set(id, (run = pLimit(limit.concurrency)));
    return run(work);
  }

  async pace(key: string, rate: Rate, waitMs: number): Promise<void> {
    const id = `${key}#${rate.points}/${rate.seconds}`;
    let limiter = this.rates.get(id);
    if (!limiter) {
      // Loaded on first use: most runs set no rate, and the CLI's start-up stays lean.
      const { RateLimiterMemory: Memory } = await import('rate-limiter-flexible');
      limiter = this.rates.get(id) ?? new Memory({ points: rate.points, duration: rate.seconds });
      this.rates.set(id, limiter);
    }
    return consumeWithin(limiter, key, rate, waitMs, (err) => err, this.sleep);
  }

  async close(): Promise<void> {
    this.slots.clear();
    this.rates.clear();
  }
}
