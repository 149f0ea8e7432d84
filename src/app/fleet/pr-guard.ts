import type { Redis } from 'ioredis';

// Compare-and-set scripts: only the holder (its token) may extend or release a guard.
const EXTEND = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * One job per key (a PR, a repository's sweeps) at a time across the fleet, as a Redis guard
 * (SET NX PX, extended while the job runs, released by its holder). BullMQ's deduplication
 * already keeps one job per key; this guards the case it cannot: a job whose BullMQ lock lapsed
 * (an overloaded replica, a Redis restart) is handed to a second worker while the first still runs.
 * See docs/decisions/0016-fleet-queue-bullmq.md.
 */
export class PrGuard {
  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly ttlMs: number) {}

  /** Runs `fn` holding the guard for `key`; returns false without running it when another holder has it. */
  async hold(key: string, token: string, fn: () => Promise<void>): Promise<boolean> {
    const name = `${this.prefix}:guard:${key}`;
    if ((await this.redis.set(name, token, 'PX', this.ttlMs, 'NX')) !== 'OK') return false;
    const timer = setInterval(() => void this.redis.eval(EXTEND, 1, name, token, String(this.ttlMs)).catch(() => undefined), Math.max(50, Math.floor(this.ttlMs / 3)));
    try {
      await fn();
    } finally {
      clearInterval(timer);
      await this.redis.eval(RELEASE, 1, name, token).catch(() => undefined);
    }
    return true;
  }
}
