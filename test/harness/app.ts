import { generateKeyPairSync } from 'node:crypto';
import { Probot, ProbotOctokit, Server } from 'probot';
import { pino } from 'pino';
import type { Clock } from '../../src/app/clock.js';
import { createApp, type ImagepinApp } from '../../src/app/index.js';
import { imagepinOctokit } from '../../src/app/octokit.js';
import type { JobQueue } from '../../src/app/queue.js';
import { freePort } from './ports.js';

/** An App private key (replicas of one App share it). */
export function appKey(): string {
  return generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
}

export interface RunningApp {
  /** The app's own origin (health, readiness). */
  url: string;
  webhookUrl: string;
  secret: string;
  queue: JobQueue;
  handle: ImagepinApp;
  stop(): Promise<void>;
}

/** A limiter group that lets every request through at once (the real ones space writes 1 s apart). */
const unlimited = { key: () => ({ schedule: (_options: unknown, fn: (...args: unknown[]) => unknown, ...args: unknown[]) => Promise.resolve(fn(...args)) }) };

/**
 * The Octokit a test app uses. `production`: imagepin's own (src/app/octokit.ts) with retry and
 * throttling on, as `npm start` runs it, only with every wait shrunk to milliseconds (a
 * `retry-after: 60` waits 60 ms). `fast`: retry and throttling off, so happy-path tests see each
 * call once.
 */
export function testOctokit(github: 'fast' | 'production'): typeof ProbotOctokit {
  if (github === 'production') return imagepinOctokit({ delayBase: 1, throttle: { global: unlimited, auth: unlimited, write: unlimited, notifications: unlimited, search: unlimited } });
  // A function, not an object: Probot merges its own throttle options over object defaults.
  return ProbotOctokit.defaults((options: Record<string, any>) => ({ ...options, retry: { enabled: false }, throttle: { ...options.throttle, enabled: false } }));
}

export interface StartOptions {
  /** The Octokit (see testOctokit). */
  github?: 'fast' | 'production';
  /** The App key; replicas of one App share it. Also given as PRIVATE_KEY, for /readyz. */
  privateKey?: string;
  port?: number;
  /** Where the app's log lines go (JSON, at info and above), for a test that reads them. */
  logTo?: { write(line: string): void };
}

/**
 * The app as a real Probot HTTP server, talking to `githubUrl` (the fake). The deployment schedule
 * and the metrics port are off unless `env` sets IMAGEPIN_SWEEP_INTERVAL or IMAGEPIN_METRICS_PORT;
 * `clock` replaces the system clock.
 */
export async function startApp(githubUrl: string, env: NodeJS.ProcessEnv = {}, clock?: Clock, o: StartOptions = {}): Promise<RunningApp> {
  const privateKey = o.privateKey ?? appKey();
  const secret = 'imagepin-test-secret';
  const port = o.port ?? (await freePort());
  const log = o.logTo ? pino({ level: 'info' }, o.logTo) : pino({ level: process.env.IMAGEPIN_TEST_LOG ?? 'silent' });
  const server = new Server({ Probot: Probot.defaults({ appId: 1, privateKey, secret, baseUrl: githubUrl, Octokit: testOctokit(o.github ?? 'fast'), log }), port, host: '127.0.0.1', log });
  let handle: ImagepinApp | undefined;
  await server.load((app, options) => {
    // Jobs are retried as in production, without the backoff's wait.
    handle = createApp({ env: { IMAGEPIN_SWEEP_INTERVAL: 'off', IMAGEPIN_METRICS_PORT: 'off', ...(o.privateKey ? { PRIVATE_KEY: o.privateKey } : {}), ...env }, clock, retry: { attempts: 3, backoffMs: 2_000, sleep: async () => undefined } })(app, options);
  });
  await server.start();
  return {
    url: `http://127.0.0.1:${port}`,
    webhookUrl: `http://127.0.0.1:${port}/api/github/webhooks`,
    secret,
    queue: handle!.queue,
    handle: handle!,
    stop: async () => {
      await server.stop();
      await handle!.close();
    },
  };
}
