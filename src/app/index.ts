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
import { assembleFleet } from './fleet/assemble.js';
import { roleFromEnv } from './fleet/role.js';
import { redisSettings } from './fleet/redis.js';
import { RedisProtectionStore } from './fleet/redis-protection.js';
import { registerHandlers } from './handlers.js';
import { createGiveUp } from './left-open.js';
import { appKeyCheck, healthHandler } from './health.js';
import type { JobData } from './jobs.js';
import { AppMetrics, type HookedOctokit } from './metrics.js';
import { OpenChecks } from './open-checks.js';
import { InProcessQueue, defaultRetry, type JobQueue, type RetryPolicy } from './queue.js';
import { createRunner } from './runner.js';
import { SweepScheduler } from './scheduler.js';
import { MemoryDeliveryLog, MemoryHeadLog } from './state.js';

export interface ImagepinAppOptions {
  env?: NodeJS.ProcessEnv;
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
  metrics: AppMetrics;
  close: () => Promise<void>;
}

/** A whole number of milliseconds from the environment, or undefined; anything else is a clear error. */
function optionalMs(name: string, env: NodeJS.ProcessEnv): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number of milliseconds (got ${JSON.stringify(value)})`);
  return Number(value);
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
 * The imagepin GitHub App, for `probot run` (npm start) and `imagepin serve`. Operator settings
 * come from the environment (see .env.example). Without REDIS_URL everything lives in this
 * process (the embedded mode); with it, jobs, dedupe, the analysed heads, the resolver cache and
 * the deployment schedule are shared by every replica through Redis (fleet mode, docs/operations.md).
 */
export function createApp(options: ImagepinAppOptions = {}) {
  return (app: Probot, probotOptions?: ApplicationFunctionOptions): ImagepinApp => {
    const env = options.env ?? process.env;
    const clock = options.clock ?? systemClock;
    // Checked first, so a bad setting stops the app before anything starts.
    const onError = errorPolicyFromEnv(env);
    const timeoutMs = checkTimeout(env);
    const settings = redisSettings(env);
    const role = roleFromEnv(env, settings !== undefined);
    const concurrency = Number(env.IMAGEPIN_CONCURRENCY ?? 4);
    const retry: RetryPolicy = { attempts: Number(env.IMAGEPIN_JOB_ATTEMPTS ?? options.retry?.attempts ?? defaultRetry.attempts), backoffMs: optionalMs('IMAGEPIN_JOB_BACKOFF_MS', env) ?? options.retry?.backoffMs ?? defaultRetry.backoffMs, sleep: options.retry?.sleep };
    const interval = env.IMAGEPIN_SWEEP_INTERVAL ?? '1h';
    // Seconds too (`30s`), for short fleet schedules; minutes, hours and days as the config's durations.
    const intervalMs = () => (/^\d+s$/.test(interval) ? Number(interval.slice(0, -1)) * 1000 : durationMs(interval));
    // The queue, the runner and the tracker need each other; these closures are called only once all exist.
    const run = async (job: JobData, attempt: { last: boolean }) => {
      const stop = metrics.jobs.startTimer({ kind: job.kind });
      try {
        await runner(job, attempt);
        stop({ outcome: 'completed' });
      } catch (err) {
        stop({ outcome: 'failed' });
        throw err;
      }
    };
    const round = async () => {
      metrics.sweeps.inc();
      for (const id of await deployments.installations()) await deployments.sweepInstallation(id);
    };
    let shared: ReturnType<typeof assembleFleet> | undefined;
    const metrics = new AppMetrics(settings ? () => shared!.queue.depth() : undefined);
    const fleet = (shared = settings ? assembleFleet({ app, settings, role, run, giveUp: (job, err) => giveUp(job, err), round, metrics, concurrency, retry, lockMs: optionalMs('IMAGEPIN_JOB_LOCK_MS', env), shutdownMs: optionalMs('IMAGEPIN_SHUTDOWN_GRACE_MS', env), redeliverWindowMs: optionalMs('IMAGEPIN_REDELIVER_WINDOW_MS', env) ?? 6 * 3_600_000 }) : undefined);
    const queue: JobQueue = fleet?.queue ?? new InProcessQueue(run, { concurrency, retry, clock, onError: (key, err, job) => app.log.error({ key, err, delivery: job.delivery }, 'job failed after its last attempt') });
    const resolverConfig = resolverConfigFromEnv(env);
    const onResponse = (host: string, status: number | 'error') => metrics.registryRequests.inc({ host, status: String(status) });
    const stack = createResolver({ ...resolverConfig, http: { ...resolverConfig.http, onResponse }, credentials: loadCredentials(env), cache: fleet?.cache, limiter: fleet?.limiter });
    const deliveries = fleet?.deliveries ?? new MemoryDeliveryLog();
    registerHandlers(app, { queue, deliveries, analyzeDrafts: env.IMAGEPIN_ANALYZE_DRAFTS !== 'false', onboarding: env.IMAGEPIN_ONBOARDING === 'true' });
    const harbor = harborFromEnv(env);
    // Protection's settle period defaults to the interval, in whole minutes (a seconds interval is rounded up).
    // In fleet mode the protected set and its settle period are the fleet's, in Redis (one start for every replica).
    const protectionStore = fleet ? new RedisProtectionStore(fleet.client, fleet.prefix, () => clock.now()) : undefined;
    void protectionStore?.begin().catch(() => undefined);
    const protection = protectionFromEnv(env, harbor, /^\d+s$/.test(interval) ? `${Math.ceil(Number(interval.slice(0, -1)) / 60)}m` : interval, clock.now(), protectionStore);
    const openChecks = new OpenChecks({ clock, timeoutMs, onError, log: app.log });
    openChecks.start();
    const giveUp = createGiveUp(app, { runs: fleet?.runs, onError, openChecks });
    const deployments = new DeploymentTracker(app, { queue, clock, deliveries, existence: new ImageExistence(stack.client, () => clock.now(), 10 * 60_000, 20_000, fleet?.existence), harbor, protection });
    registerDeploymentHandlers(app, deployments, queue, deliveries);
    const tracker = deployments;
    const runner = createRunner(app, { resolver: stack.resolver, charts: env.IMAGEPIN_CHART_DEFAULTS === 'false' ? undefined : stack.charts, heads: fleet?.heads ?? new MemoryHeadLog(), runs: fleet?.runs ?? new MemoryHeadLog(), onError, openChecks, instrument: (octokit, id) => metrics.instrument(octokit as unknown as HookedOctokit, id), sweepDeployments: (octokit, log, repo) => tracker.run(octokit, log, repo) });
    probotOptions?.addHandler?.(healthHandler(fleet ? [appKeyCheck(env), fleet.ready] : [appKeyCheck(env)]));
    let scheduler: SweepScheduler | undefined;
    if (interval !== 'off' && fleet) void fleet.queue.schedule(intervalMs()).catch((err: unknown) => app.log.error({ err }, 'deployment schedule could not be stored; every replica retries it at start'));
    if (interval !== 'off' && !fleet) {
      scheduler = new SweepScheduler({
        clock,
        intervalMs: intervalMs(),
        installations: () => tracker.installations(),
        sweep: (id) => { metrics.sweeps.inc(); return tracker.sweepInstallation(id); },
        onError: (err, installation) => app.log.error({ err, installation }, 'scheduled sweep failed'),
      });
      scheduler.start();
    }
    const metricsPort = env.IMAGEPIN_METRICS_PORT ?? '9464';
    const metricsServer = metricsPort === 'off' ? undefined : metrics.listen(Number(metricsPort), env.IMAGEPIN_METRICS_HOST).catch((err: Error) => void app.log.error({ err }, `metrics not served: ${err.message}`));
    return {
      queue,
      deployments,
      openChecks,
      scheduler,
      metrics,
      close: async () => {
        scheduler?.stop();
        openChecks.stop();
        const server = await metricsServer;
        server?.close();
        await (fleet ?? queue).close();
        await stack.close();
      },
    };
  };
}

export default (app: Probot, options?: ApplicationFunctionOptions): void => {
  createApp()(app, options);
};
