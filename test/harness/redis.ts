import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

/**
 * Debian's redis-server on 127.0.0.1 and a free port, with its data in a temporary directory and
 * `appendonly yes`, so a restart keeps what was written (as production Redis for imagepin must).
 */
export class TestRedis {
  private child?: ChildProcess;

  private constructor(readonly port: number, private readonly dir: string, private readonly password?: string) {}

  static async start(options: { password?: string } = {}): Promise<TestRedis> {
    const redis = new TestRedis(await freePort(), mkdtempSync(join(tmpdir(), 'imagepin-redis-')), options.password);
    await redis.launch();
    return redis;
  }

  get url(): string {
    return `redis://${this.password ? `:${encodeURIComponent(this.password)}@` : ''}127.0.0.1:${this.port}`;
  }

  private async launch(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no', '--logfile', ''];
    if (this.password) args.push('--requirepass', this.password);
    const child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`))));
    await Promise.race([this.waitForPort(), exited]);
  }

  private async waitForPort(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const open = await new Promise<boolean>((resolve) => {
        const socket = createConnection(this.port, '127.0.0.1');
        socket.once('connect', () => resolve(socket.end() && true)).once('error', () => resolve(false));
      });
      if (open) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`redis-server did not listen on ${this.port}`);
  }

  /** Stops Redis (SIGTERM: it flushes the append-only file) and starts it again on the same port and data. */
  async restart(whileDown?: () => Promise<void>): Promise<void> {
    await this.halt();
    await whileDown?.();
    await this.launch();
  }

  private async halt(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  async stop(): Promise<void> {
    await this.halt();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
