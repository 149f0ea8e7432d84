import type { Probot } from 'probot';
import { createTrackerStore } from '../../deploy/existence-store.js';
import { createSharedLimiter } from '../../resolver/redis-limiter.js';
import type { AppMetrics } from '../metrics.js';
import type { JobData } from '../jobs.js';
import type { JobRunner, RetryPolicy } from '../queue.js';
import { BullQueue } from './bull-queue.js';
import { RedisCache } from './redis-cache.js';
import { RedisDeliveryLog, RedisHeadLog } from './redis-state.js';
import { redisClient, redisErrorLogger, type RedisSettings } from './redis.js';
import { redeliverFailed, redeliverOnce, type AppClient } from './redeliver.js';
import type { Role } from './role.js';

export interface FleetOptions {
  app: Probot;
  settings: RedisSettings;
  role: Role;
  run: JobRunner;
  /** Completes what a job that failed for good left in progress (its check runs). */
  giveUp?: (job: JobData, err: Error) => Promise<void>;
  round: () => Promise<void>;
  metrics: AppMetrics;
  concurrency: number;
  retry: RetryPolicy;
  lockMs?: number;
  shutdownMs?: number;
  /** Deliveries that failed this long ago or less are redelivered when Redis is reachable (again). */
  redeliverWindowMs: number;
}

/** Fleet mode's parts on one Redis: the BullMQ queue, the delivery and head logs, the resolver cache, the per-host request limits and the tracker's image answers. */
export function assembleFleet(o: FleetOptions) {
  const errors = redisErrorLogger(o.app.log, o.settings.url);
  const client = redisClient(o.settings, 'command', errors.onError);
  // On each (re)connect one replica asks GitHub to redeliver what failed while Redis was away.
  client.on('ready', () => {
    errors.onReady();
    if (o.redeliverWindowMs <= 0) return;
    void redeliverOnce(client, o.settings.prefix, async () => redeliverFailed((await o.app.auth()) as unknown as AppClient, Date.now(), o.redeliverWindowMs))
      .then((asked) => asked && o.app.log.info({ asked }, 'failed webhook deliveries redelivered'))
      .catch((err: unknown) => o.app.log.warn({ err }, 'failed webhook deliveries could not be redelivered; redeliver them from the App settings'));
  });
  const workerClient = o.role === 'web' ? undefined : redisClient(o.settings, 'blocking', errors.onError);
  const disconnect = (): void => {
    client.disconnect();
    workerClient?.disconnect();
  };
  const queue = new BullQueue({
    client,
    workerClient,
    prefix: o.settings.prefix,
    run: o.run,
    giveUp: o.giveUp,
    round: o.round,
    concurrency: o.concurrency,
    retry: o.retry,
    lockMs: o.lockMs,
    shutdownMs: o.shutdownMs,
    onError: errors.onError,
    onFailed: (job, err) => o.app.log.error({ err, ...(job ? { repository: `${job.owner}/${job.repo}`, delivery: job.delivery, job: job.kind } : {}) }, 'job failed for good'),
  });
  if (workerClient) queue.startWorker();
  return {
    queue,
    deliveries: new RedisDeliveryLog(client, o.settings.prefix),
    // Written after an analysis: a worker's client waits out a Redis restart instead of failing, so a
    // finished analysis is recorded and not run (and written to GitHub) a second time.
    heads: new RedisHeadLog(workerClient ?? client, o.settings.prefix),
    runs: new RedisHeadLog(workerClient ?? client, o.settings.prefix, 'run'),
    cache: new RedisCache(client, o.settings.prefix),
    // The command client: no offline queue, so a lost Redis fails the affected references at once (unresolved, saying so).
    limiter: createSharedLimiter(client, o.settings.prefix),
    existence: createTrackerStore(client, o.settings.prefix),
    client,
    prefix: o.settings.prefix,
    /** Redis answers a PING (no offline queue, so this fails at once while it is away). */
    ready: async (): Promise<string | undefined> => {
      try {
        await client.ping();
        return undefined;
      } catch (err) {
        const cause = errors.lastError();
        return `Redis unreachable: ${cause && cause !== (err as Error).message ? `${cause} (${(err as Error).message})` : (err as Error).message}`;
      }
    },
    /**
     * Stops taking jobs and lets the running ones finish within the grace. BullMQ's close waits for
     * Redis, which may never come back (or never answered): then the clients are dropped at once,
     * and the locks of jobs still running lapse, so another replica takes them (nothing is lost).
     */
    close: async () => {
      const away = client.status !== 'ready';
      if (away) disconnect();
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, away ? 1_000 : (o.shutdownMs ?? 25_000) + 5_000)));
      await Promise.race([queue.close().catch((err: unknown) => o.app.log.warn({ err }, 'the job queue did not close cleanly')), bound]);
      clearTimeout(timer);
      disconnect();
    },
  };
}
