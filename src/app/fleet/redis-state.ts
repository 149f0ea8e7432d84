import type { Redis } from 'ioredis';
import type { DeliveryLog, HeadLog } from '../state.js';

const DAY_S = 24 * 60 * 60;

/**
 * Delivery ids in Redis, shared by the fleet; kept for `ttlS` once settled (GitHub redelivers within
 * days, not months). A claim lapses after `claimMs`: if Redis went away between the claim and the
 * store, so that neither the job nor the forget reached it, GitHub's redelivery is taken after that.
 */
export class RedisDeliveryLog implements DeliveryLog {
  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly ttlS = 3 * DAY_S, private readonly claimMs = 10_000) {}

  async first(id: string): Promise<boolean> {
    // SET NX: exactly one replica claims a delivery first, however many receive it.
    const key = `${this.prefix}:delivery:${id}`;
    if ((await this.redis.set(key, 'claimed', 'PX', this.claimMs, 'NX')) === 'OK') return true;
    if ((await this.redis.get(key)) === 'done') return false;
    // Another replica is storing it now (or failed to and its claim has not lapsed): not stored yet, so not acknowledged.
    throw new Error('another replica is storing this delivery');
  }

  async settle(id: string): Promise<void> {
    await this.redis.set(`${this.prefix}:delivery:${id}`, 'done', 'EX', this.ttlS);
  }

  async forget(id: string): Promise<void> {
    await this.redis.del(`${this.prefix}:delivery:${id}`);
  }
}

/**
 * A value per PR in Redis for `ttlS`, under `name`: `head` (the head each PR was last analysed at; a
 * PR idle longer is analysed again once) or `run` (the check run its last analysis started).
 */
export class RedisHeadLog implements HeadLog {
  constructor(private readonly redis: Redis, private readonly prefix: string, private readonly name: 'head' | 'run' = 'head', private readonly ttlS = 30 * DAY_S) {}

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(`${this.prefix}:${this.name}:${key}`)) ?? undefined;
  }

  async set(key: string, value: string): Promise<void> {
    await this.redis.set(`${this.prefix}:${this.name}:${key}`, value, 'EX', this.ttlS);
  }
}
