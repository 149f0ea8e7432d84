import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { Redis } from 'ioredis';
import { freePort } from './ports.js';

/**
 * Debian's redis-server on 127.0.0.1 and a free port, without persistence (these tests need none),
 * one per test file. `stop()` ends it; `client()` gives an ioredis client of the kind fleet mode
 * uses for commands: no offline queue, so a command fails at once while Redis is away.
 */
export class RedisServer {
  private readonly clients: Redis[] = [];

  private child?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.launch();
    return server;
  }

  /** Starts redis-server (again, after `stop()`) on the same port; the clients reconnect. */
  async launch(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', ''], { stdio: 'ignore' });
    this.child = child;
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`))));
    exited.catch(() => undefined);
    await Promise.race([this.listening(), exited]);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** A client; `queue: true` buffers commands while Redis is away (as BullMQ's blocking clients do). */
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

  private async listening(): Promise<void> {
    for (let i = 0; i < 400; i++) {
      const open = await new Promise<boolean>((resolve) => {
        const socket = createConnection(this.port, '127.0.0.1');
        socket.once('connect', () => resolve(socket.end() && true)).once('error', () => resolve(false));
      });
      if (open) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`redis-server did not listen on ${this.port}`);
  }

  /** Ends redis-server (the clients stay, reconnecting, until `disconnect()`). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  disconnect(): void {
    for (const client of this.clients) client.disconnect();
  }
}
