import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ProtectionStore } from '../../deploy/protect/store.js';
import type { Contribution } from '../../deploy/protect/types.js';
import { PrGuard } from './pr-guard.js';

/**
 * Retention protection's state for the whole fleet, in Redis: every repository's contribution
 * (whichever replica swept it), a lock per registry project (a guard, decision 16), and the moment
 * the fleet began collecting. That moment is written once (SET NX) by the first replica to start,
 * so every replica waits out the same settle period; a Redis that lost its data loses the
 * contributions with it, and the next replica to ask sets the moment again, so protection is never
 * narrowed from a set that forgot repositories.
 */
export class RedisProtectionStore implements ProtectionStore {
  private readonly guard: PrGuard;

  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly now: () => number, private readonly lockMs = 60_000) {
    this.guard = new PrGuard(redis, prefix, lockMs);
  }

  private key(name: string): string {
    return `${this.prefix}:protect:${name}`;
  }

  /** Records this replica's start as the fleet's, unless an earlier one is recorded. */
  async begin(at = this.now()): Promise<void> {
    await this.redis.set(this.key('since'), String(at), 'NX');
  }

  async since(): Promise<number> {
    await this.begin();
    const value = Number(await this.redis.get(this.key('since')));
    if (!Number.isFinite(value)) throw new Error('the fleet start of retention protection is not a number in Redis');
    return value;
  }

  async put(source: string, contribution: Contribution): Promise<void> {
    await this.redis.hset(this.key('contributions'), source, JSON.stringify(contribution));
  }

  async get(source: string): Promise<Contribution | undefined> {
    const raw = await this.redis.hget(this.key('contributions'), source);
    return raw === null ? undefined : (JSON.parse(raw) as Contribution);
  }

  async all(): Promise<Map<string, Contribution>> {
    const raw = await this.redis.hgetall(this.key('contributions'));
    return new Map(Object.entries(raw).map(([source, text]) => [source, JSON.parse(text) as Contribution]));
  }

  /** Runs `fn` while no replica of the fleet runs another holder of `key`; gives up (throws) after twice the lock time. */
  async exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const token = randomUUID();
    const deadline = Date.now() + 2 * this.lockMs;
    for (let wait = 50; ; wait = Math.min(wait * 2, 1_000)) {
      let out: { value: T } | undefined;
      if (await this.guard.hold(`protect:${key}`, token, async () => void (out = { value: await fn() }))) return out!.value;
      if (Date.now() > deadline) throw new Error(`another replica has held the protection lock of ${key} for longer than ${Math.round((2 * this.lockMs) / 1000)} s`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
