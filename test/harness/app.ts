import { generateKeyPairSync } from 'node:crypto';
import { Probot, ProbotOctokit, Server } from 'probot';
import { pino } from 'pino';
import type { Clock } from '../../src/app/clock.js';
import { createApp, type ImagepinApp } from '../../src/app/index.js';
import type { JobQueue } from '../../src/app/queue.js';
import { freePort } from './ports.js';

export interface RunningApp {
  webhookUrl: string;
  secret: string;
  queue: JobQueue;
  handle: ImagepinApp;
  stop(): Promise<void>;
}

/**
 * The app as a real Probot HTTP server, talking to `githubUrl` (the fake). Octokit's retry and
 * throttling are off here only, so tests see each call once. The deployment schedule is off unless
 * `env` sets IMAGEPIN_SWEEP_INTERVAL; `clock` replaces the system clock.
 */
export async function startApp(githubUrl: string, env: NodeJS.ProcessEnv = {}, clock?: Clock): Promise<RunningApp> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const secret = 'imagepin-test-secret';
  const port = await freePort();
  const log = pino({ level: process.env.IMAGEPIN_TEST_LOG ?? 'silent' });
  // A function, not an object: Probot merges its own throttle options over object defaults.
  const Octokit = ProbotOctokit.defaults((options: Record<string, any>) => ({ ...options, retry: { enabled: false }, throttle: { ...options.throttle, enabled: false } }));
  const server = new Server({ Probot: Probot.defaults({ appId: 1, privateKey, secret, baseUrl: githubUrl, Octokit, log }), port, host: '127.0.0.1', log });
  let handle: ImagepinApp | undefined;
  await server.load((app, options) => {
    handle = createApp({ env: { IMAGEPIN_SWEEP_INTERVAL: 'off', ...env }, clock })(app, options);
  });
  await server.start();
  return {
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
