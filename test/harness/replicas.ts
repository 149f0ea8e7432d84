import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';

export interface Replica {
  url: string;
  webhookUrl: string;
  secret: string;
  /** True once the process has exited. */
  readonly dead: boolean;
  /** SIGKILL (a crash) or SIGTERM (a rolling update); resolves when the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

/**
 * An app replica as a child process (the sources through SWC, or the compiled harness), talking to `githubUrl` and
 * sharing `key` (one App). Its log goes to this process's stderr when IMAGEPIN_TEST_LOG is set.
 */
export async function startReplica(githubUrl: string, key: string, env: NodeJS.ProcessEnv): Promise<Replica> {
  const port = await freePort();
  // The sources through SWC under jest; the compiled harness as `npm run bench` builds it (bench/out).
  const args = import.meta.url.endsWith('.js') ? [here('./replica.js')] : ['--import', here('./ts-register.mjs'), here('./replica.ts')];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...env, TEST_GITHUB_URL: githubUrl, TEST_APP_KEY: key, TEST_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let dead = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve(void (dead = true))));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    let ready = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      if (ready) return process.stderr.write(chunk);
      out += chunk.toString();
      if (!out.includes('ready ')) return;
      ready = true;
      resolve();
    });
    void exited.then(() => ready || reject(new Error(`replica exited before it was ready: ${out.slice(-2000)}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    webhookUrl: `http://127.0.0.1:${port}/api/github/webhooks`,
    secret: 'imagepin-test-secret',
    get dead() {
      return dead;
    },
    kill: async (signal) => {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
}

/**
 * `count` replicas started at once. If one cannot start, the others are stopped before the error
 * is thrown: a replica left running would keep the test runner from exiting.
 */
export async function startReplicas(count: number, githubUrl: string, key: string, env: NodeJS.ProcessEnv): Promise<Replica[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => startReplica(githubUrl, key, env)));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  const replicas = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (!failed) return replicas;
  await Promise.all(replicas.map((r) => r.kill('SIGKILL')));
  throw failed.reason;
}

/** Polls /readyz until the app is ready, as a readiness probe does; fails with the last answer after `tries`. */
export async function waitReady(url: string, tries = 200): Promise<void> {
  let last = '';
  for (let i = 0; i < tries; i++) {
    const response = await fetch(`${url}/readyz`).catch((err: Error) => ({ status: 0, text: async () => err.message }));
    last = await response.text();
    if (response.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} never became ready: ${last}`);
}
