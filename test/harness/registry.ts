import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { freePort } from './ports.js';

export type RegistryAuth =
  | { mode: 'open' }
  | { mode: 'htpasswd'; users: Record<string, string> }
  | { mode: 'token'; realm: string; service: string; issuer: string; certPath: string };

/**
 * The CNCF distribution registry (Debian's docker-registry) on 127.0.0.1 and a free port, with its
 * storage in a temporary directory and deletes enabled. Stopped and removed by `stop()`.
 */
export class TestRegistry {
  private constructor(
    readonly host: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
    private readonly logs: string[],
  ) {}

  get url(): string {
    return `http://${this.host}`;
  }

  static async start(auth: RegistryAuth = { mode: 'open' }): Promise<TestRegistry> {
    const dir = mkdtempSync(join(tmpdir(), 'imagepin-registry-'));
    const port = await freePort();
    let authBlock = '';
    if (auth.mode === 'htpasswd') {
      const lines = Object.entries(auth.users).map(([user, password]) => `${user}:${bcrypt.hashSync(password, 4)}`);
      writeFileSync(join(dir, 'htpasswd'), `${lines.join('\n')}\n`);
      authBlock = `auth:\n  htpasswd:\n    realm: imagepin-test\n    path: ${join(dir, 'htpasswd')}\n`;
    } else if (auth.mode === 'token') {
      authBlock = `auth:\n  token:\n    realm: ${auth.realm}\n    service: ${auth.service}\n    issuer: ${auth.issuer}\n    rootcertbundle: ${auth.certPath}\n`;
    }
    const config = `version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: ${join(dir, 'data')}
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: 127.0.0.1:${port}
  secret: imagepin-test-secret
${authBlock}`;
    writeFileSync(join(dir, 'config.yml'), config);
    const logs: string[] = [];
    const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => logs.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => logs.push(d.toString()));
    const registry = new TestRegistry(`127.0.0.1:${port}`, child, dir, logs);
    await registry.waitReady();
    return registry;
  }

  private async waitReady(): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`docker-registry exited (${this.child.exitCode}): ${this.logs.join('')}`);
      try {
        const response = await fetch(`${this.url}/v2/`);
        if (response.status === 200 || response.status === 401) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`docker-registry did not start: ${this.logs.join('')}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
