import type { ApplicationFunctionOptions, Probot } from 'probot';
import { ImageExistence } from '../deploy/exists.js';
import { harborFromEnv } from '../deploy/harbor/client.js';
import { protectionFromEnv } from '../deploy/protect/settings.js';
import { durationMs } from '../deploy/signals.js';
import { loadCredentials } from '../resolver/credentials.js';
import { createResolver, resolverConfigFromEnv } from '../resolver/index.js';
import { systemClock, type Clock } from './clock.js';
import { DeploymentTracker, registerDeploymentHandlers } from './deployments.js';
import { errorPolicyFromEnv } from './failure.js';
import { DeliveryLog, registerHandlers } from './handlers.js';
import { appKeyCheck, healthHandler } from './health.js';
import { OpenChecks } from './open-checks.js';
import { InProcessQueue, type JobQueue, type RetryPolicy } from './queue.js';
import { SweepScheduler } from './scheduler.js';

export interface ImagepinAppOptions {
  env?: NodeJS.ProcessEnv;
  queue?: JobQueue;
  /** Time and timers for deployment tracking (tests move a manual clock). */
  clock?: Clock;
  /** How the in-process queue retries a job that throws (tests pass one that does not wait). */
  retry?: RetryPolicy;
}

export interface ImagepinApp {
  queue: JobQueue;
  deployments: DeploymentTracker;
  /** Check runs in progress, closed as failed after IMAGEPIN_CHECK_TIMEOUT. */
  openChecks: OpenChecks;
  scheduler?: SweepScheduler;
  close: () => Promise<void>;
}

/** IMAGEPIN_CHECK_TIMEOUT: how long a check run may stay in progress (default 15m). */
function checkTimeout(env: NodeJS.ProcessEnv): number {
  try {
    return durationMs(env.IMAGEPIN_CHECK_TIMEOUT ?? '15m');
  } catch {
    throw new Error(`IMAGEPIN_CHECK_TIMEOUT must be minutes, hours or days like 15m, 1h, 1d; got "${env.IMAGEPIN_CHECK_TIMEOUT}"`);
  }
}

/**
 * The imagepin GitHub App, for `probot run` (npm start). Operator settings come from the
 * environment (see .env.example): registry endpoints, allowed hosts, credentials, drafts,
 * concurrency, the sweep interval, Harbor and retention protection.
 */
export function createApp(options: ImagepinAppOptions = {}) {
  return (app: Probot, probotOptions?: ApplicationFunctionOptions): ImagepinApp => {
    const env = options.env ?? process.env;
    probotOptions?.addHandler(healthHandler([appKeyCheck(env)]));
    const clock = options.clock ?? systemClock;
    // Checked first, so a bad setting stops the app before anything starts.
    const onError = errorPolicyFromEnv(env);
    const timeoutMs = checkTimeout(env);
    const stack = createResolver({ ...resolverConfigFromEnv(env), credentials: loadCredentials(env) });
    const queue = options.queue ?? new InProcessQueue(Number(env.IMAGEPIN_CONCURRENCY ?? 4), (key, err) => app.log.error({ key, err }, 'job failed'), options.retry);
    const deliveries = new DeliveryLog();
    const openChecks = new OpenChecks({ clock, timeoutMs, onError, log: app.log });
    openChecks.start();
    registerHandlers(app, { onError, openChecks, queue, charts: env.IMAGEPIN_CHART_DEFAULTS === 'false' ? undefined : stack.charts, analysed: new Map(), deliveries, resolver: stack.resolver, analyzeDrafts: env.IMAGEPIN_ANALYZE_DRAFTS !== 'false', onboarding: env.IMAGEPIN_ONBOARDING === 'true' });
    const interval = env.IMAGEPIN_SWEEP_INTERVAL ?? '1h';
    const harbor = harborFromEnv(env);
    const protection = protectionFromEnv(env, harbor, interval, clock.now());
    const deployments = new DeploymentTracker(app, { queue, clock, deliveries, existence: new ImageExistence(stack.client, () => clock.now(), 10 * 60_000), harbor, protection });
    registerDeploymentHandlers(app, deployments, deliveries);
    const scheduler = interval === 'off' ? undefined : new SweepScheduler({
      clock,
      intervalMs: durationMs(interval),
      installations: () => deployments.installations(),
      sweep: (id) => deployments.sweepInstallation(id),
      onError: (err, installation) => app.log.error({ err, installation }, 'scheduled sweep failed'),
    });
    scheduler?.start();
    return {
      queue,
      deployments,
      openChecks,
      scheduler,
      close: async () => {
        scheduler?.stop();
        openChecks.stop();
        deployments.stop();
        await stack.close();
      },
    };
  };
}

export default (app: Probot, options?: ApplicationFunctionOptions): void => {
  createApp()(app, options);
};
