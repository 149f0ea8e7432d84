import type { ApplicationFunctionOptions, Probot } from 'probot';
import { ImageExistence } from '../deploy/exists.js';
import { harborFromEnv } from '../deploy/harbor/client.js';
import { protectionFromEnv } from '../deploy/protect/settings.js';
import { durationMs } from '../deploy/signals.js';
import { loadCredentials } from '../resolver/credentials.js';
import { createResolver, resolverConfigFromEnv } from '../resolver/index.js';
import { systemClock, type Clock } from './clock.js';
import { DeploymentTracker, registerDeploymentHandlers } from './deployments.js';
import { DeliveryLog, registerHandlers } from './handlers.js';
import { appKeyCheck, healthHandler } from './health.js';
import { InProcessQueue, type JobQueue } from './queue.js';
import { SweepScheduler } from './scheduler.js';

export interface ImagepinAppOptions {
  env?: NodeJS.ProcessEnv;
  queue?: JobQueue;
  /** Time and timers for deployment tracking (tests move a manual clock). */
  clock?: Clock;
}

export interface ImagepinApp {
  queue: JobQueue;
  deployments: DeploymentTracker;
  scheduler?: SweepScheduler;
  close: () => Promise<void>;
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
    const stack = createResolver({ ...resolverConfigFromEnv(env), credentials: loadCredentials(env) });
    const queue = options.queue ?? new InProcessQueue(Number(env.IMAGEPIN_CONCURRENCY ?? 4), (key, err) => app.log.error({ key, err }, 'job failed'));
    const deliveries = new DeliveryLog();
    registerHandlers(app, { queue, charts: env.IMAGEPIN_CHART_DEFAULTS === 'false' ? undefined : stack.charts, analysed: new Map(), deliveries, resolver: stack.resolver, analyzeDrafts: env.IMAGEPIN_ANALYZE_DRAFTS !== 'false', onboarding: env.IMAGEPIN_ONBOARDING === 'true' });
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
      scheduler,
      close: async () => {
        scheduler?.stop();
        deployments.stop();
        await stack.close();
      },
    };
  };
}

export default (app: Probot, options?: ApplicationFunctionOptions): void => {
  createApp()(app, options);
};
