import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
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

  private constructor(readonly port: number, private readonly dir: string, private readonly password?: string, private readonly tls = false) {}

  /** With `tls`, Redis listens only for TLS (rediss://) with a throwaway certificate for 127.0.0.1 made by openssl (`caPath`). */
  static async start(options: { password?: string; tls?: boolean } = {}): Promise<TestRedis> {
    const redis = new TestRedis(await freePort(), mkdtempSync(join(tmpdir(), 'imagepin-redis-')), options.password, options.tls);
    if (redis.tls) execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(redis.dir, 'key.pem'), '-out', redis.caPath, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    await redis.launch();
    return redis;
  }

  /** The certificate a TLS Redis serves (self-signed: it is its own CA). */
  get caPath(): string {
    return join(this.dir, 'cert.pem');
  }

  get url(): string {
    return `${this.tls ? 'rediss' : 'redis'}://${this.password ? `:${encodeURIComponent(this.password)}@` : ''}127.0.0.1:${this.port}`;
  }

  private async launch(): Promise<void> {
    const listen = this.tls ? ['--port', '0', '--tls-port', String(this.port), '--tls-cert-file', this.caPath, '--tls-key-file', join(this.dir, 'key.pem'), '--tls-auth-clients', 'no'] : ['--port', String(this.port)];
    const args = [...listen, '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--save', '', '--daemonize', 'no', '--logfile', ''];
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
