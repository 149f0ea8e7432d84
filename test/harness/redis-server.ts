import { Redis } from 'ioredis';
import { TestRedis } from './redis.js';

/**
 * A real redis-server (TestRedis) with the ioredis clients a test makes on it. `client()` is of the
 * kind fleet mode uses for commands: no offline queue, so a command fails at once while Redis is
 * away; `client({ queue: true })` buffers commands instead (as BullMQ's blocking clients do).
 */
export class RedisServer {
  private readonly clients: Redis[] = [];

  private constructor(private readonly redis: TestRedis) {}

  static async start(): Promise<RedisServer> {
    return new RedisServer(await TestRedis.start());
  }

  get url(): string {
    return this.redis.url;
  }

  client(options: { queue?: boolean } = {}): Redis {
    const client = new Redis(this.url, {
      retryStrategy: (times) => Math.min(50 * times, 500),
      ...(options.queue ? { maxRetriesPerRequest: null } : { enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
    });
    client.on('error', () => undefined);
    this.clients.push(client);
    return client;
  }

  /** Resolves once every client made so far has connected. */
  async ready(): Promise<void> {
    await Promise.all(this.clients.map((c) => (c.status === 'ready' ? undefined : new Promise((resolve) => c.once('ready', resolve)))));
  }

  /** Runs `whileDown` with redis-server stopped, then starts it again on the same port (the clients reconnect). */
  down(whileDown: () => Promise<void>): Promise<void> {
    return this.redis.restart(whileDown);
  }

  /** Disconnects the clients and ends redis-server. */
  async stop(): Promise<void> {
    for (const client of this.clients) client.disconnect();
    await this.redis.stop();
  }
}
