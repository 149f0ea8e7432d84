import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { jobKey, readJob, type JobData } from '../jobs.js';
import { defaultRetry, type JobQueue, type JobRunner, type RetryPolicy } from '../queue.js';
import { PrGuard } from './pr-guard.js';

export interface BullQueueOptions {
  /** Commands: the producer's client (no offline queue). */
  client: Redis;
  /** The worker's client (blocking commands); absent for the `web` role, which only stores jobs. */
  workerClient?: Redis;
  prefix: string;
  run: JobRunner;
  /** The scheduled deployment round (once per interval for the whole fleet). */
  round?: () => Promise<void>;
  concurrency?: number;
  retry?: RetryPolicy;
  /** How long a worker holds a job without renewing its lock before another takes it over. */
  lockMs?: number;
  /** How long shutdown waits for running jobs before handing them back. */
  shutdownMs?: number;
  onFailed?: (job: JobData | undefined, err: Error) => void;
  /** A job failed for good and no other job of its key is queued: completes what it left in progress. */
  giveUp?: (job: JobData, err: Error) => Promise<void>;
  onError?: (err: Error) => void;
}

const NAME = 'jobs';
const DAY_S = 24 * 60 * 60;
/** BullMQ job ids may not hold ':' (it separates its keys). */
const safeId = (text: string): string => encodeURIComponent(text).replaceAll(':', '%3A');

/**
 * The fleet's queue, BullMQ on Redis. Per key (a PR, a repository's sweeps) BullMQ's
 * deduplication with `keepLastIfActive` keeps one job running across every replica and one
 * waiting with the latest data: a newer push replaces the waiting job. Finished jobs are kept
 * for a day (failed ones a week), stalled jobs of a killed replica go back to the queue, and a
 * job that throws is retried with exponential backoff.
 */
export class BullQueue implements JobQueue {
  private created?: Queue;
  private readonly ready: Promise<Queue>;
  private worker?: Worker;

  constructor(private readonly o: BullQueueOptions) {
    // BullMQ keeps the first connection failure of a client without an offline queue for good, so
    // the queue is made once Redis has answered; until then jobs are refused (503).
    this.ready = new Promise((resolve) => {
      const create = () => resolve((this.created = this.createQueue()));
      if (o.client.status === 'ready') create();
      else o.client.once('ready', create);
    });
  }

  /** BullMQ's queue; throws while Redis has not been reached yet. */
  get queue(): Queue {
    if (!this.created) throw new Error('Redis has not been reachable since this replica started');
    return this.created;
  }

  private createQueue(): Queue {
    const retry = this.o.retry ?? defaultRetry;
    const o = this.o;
    const queue = new Queue(NAME, {
      connection: o.client,
      prefix: o.prefix,
      skipWaitingForReady: true,
      defaultJobOptions: { attempts: retry.attempts, backoff: { type: 'exponential', delay: retry.backoffMs }, removeOnComplete: { age: DAY_S, count: 10_000 }, removeOnFail: { age: 7 * DAY_S, count: 10_000 } },
    });
    queue.on('error', (err) => o.onError?.(err));
    return queue;
  }

  /** Starts taking jobs (the `worker` and `all` roles). */
  startWorker(): void {
    if (!this.o.workerClient || this.worker) return;
    const lockMs = this.o.lockMs ?? 30_000;
    const guard = new PrGuard(this.o.workerClient, this.o.prefix, lockMs * 4);
    this.worker = new Worker(NAME, (job: Job, token?: string) => this.process(job, guard, lockMs, token), {
      connection: this.o.workerClient,
      prefix: this.o.prefix,
      concurrency: this.o.concurrency ?? 4,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      // A killed replica's job is taken over twice at most; a job that kills every worker it meets is failed.
      maxStalledCount: 2,
    });
    this.worker.on('error', (err) => this.o.onError?.(err));
    this.worker.on('failed', (job, err) => void this.failed(job, err).catch((e: Error) => this.o.onError?.(e)));
  }

  private async process(job: Job, guard: PrGuard, lockMs: number, token?: string): Promise<void> {
    if (job.name === 'round') return this.o.round?.();
    // A due check joins its repository's line of sweeps instead of running beside them.
    if (job.name === 'due') return void (await this.enqueue(readJob(job.data)));
    if (job.name === 'give-up') return this.giveUp(job, guard, lockMs, token);
    const data = readJob(job.data);
    // BullMQ counts attempts after they fail: this one is the last when no retry is left after it.
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (await guard.hold(jobKey(data), `${job.id}:${token ?? ''}`, () => this.o.run(data, { last }))) return;
    return this.comeBack(job, lockMs, token);
  }

  /** Another worker still runs this key: come back later, without spending an attempt. */
  private async comeBack(job: Job, lockMs: number, token?: string): Promise<never> {
    await job.moveToDelayed(Date.now() + lockMs, token);
    throw new DelayedError();
  }

  private async giveUp(job: Job, guard: PrGuard, lockMs: number, token?: string): Promise<void> {
    const { job: raw, reason } = job.data as { job: unknown; reason: string };
    const data = readJob(raw);
    // A job of the key stored since then runs under the guard after this and takes over the run.
    const held = await guard.hold(jobKey(data), `${job.id}:${token ?? ''}`, async () => {
      if (!(await this.succeeded(data))) await this.o.giveUp?.(data, new Error(reason));
    });
    if (!held) await this.comeBack(job, lockMs, token);
  }


  /**
   * A job that failed for good: its last attempt, or one that stalled more often than allowed and
   * was failed by BullMQ without its last attempt running (its check run would stay in progress).
   * Unless a newer job of the same key is queued (it reuses or supersedes the run), a `give-up` job
   * is stored that completes what it left open: under the key's guard (a killed replica's guard
   * lapses first), retried like any job, and kept in Redis if this replica dies too.
   */
  private async failed(job: Job | undefined, err: Error): Promise<void> {
    if (!job || job.name === 'round' || job.name === 'due' || (await job.getState()) !== 'failed') return;
    let data: JobData;
    try {
      data = readJob(job.name === 'give-up' ? (job.data as { job: unknown }).job : job.data);
    } catch {
      return this.o.onFailed?.(undefined, err);
    }
    this.o.onFailed?.(data, err);
    if (!this.o.giveUp || job.name === 'give-up' || (await this.succeeded(data, job.id))) return;
    await this.queue.add('give-up', { job: data, reason: err.message }, { jobId: safeId(`give-up ${jobKey(data)} ${job.id}`) });
  }

  /** Whether another job of this key is queued or running (BullMQ's deduplication key names it). */
  private async succeeded(data: JobData, failedId?: string): Promise<boolean> {
    const successor = await this.queue.getDeduplicationJobId(jobKey(data));
    return Boolean(successor && successor !== failedId);
  }

  async enqueue(job: JobData): Promise<boolean> {
    await this.queue.add(job.kind, job, { deduplication: { id: jobKey(job), keepLastIfActive: true } });
    return true;
  }

  async later(job: JobData, delayMs: number): Promise<void> {
    const jobId = safeId(`due ${jobKey(job)}`);
    // The latest push wins: the pending check of an earlier one is removed first.
    await this.queue.remove(jobId).catch(() => 0);
    await this.queue.add('due', job, { jobId, delay: delayMs, removeOnComplete: true, removeOnFail: true });
  }

  /** One deployment round per interval for the whole fleet: every replica upserts the same scheduler. */
  async schedule(intervalMs: number): Promise<void> {
    await (await this.ready).upsertJobScheduler('deployment-rounds', { every: intervalMs }, { name: 'round', data: {}, opts: { removeOnComplete: { age: DAY_S }, removeOnFail: { age: 7 * DAY_S } } });
  }

  /** Jobs waiting, running or retrying (due checks and the next round are not counted). */
  async depth(): Promise<{ waiting: number; active: number; retrying: number; oldestMs: number }> {
    const counts = await this.queue.getJobCounts('wait', 'active', 'prioritized', 'delayed');
    const delayed = counts.delayed ? await this.queue.getDelayed() : [];
    const retrying = delayed.filter((j) => j.name !== 'due' && j.name !== 'round').length;
    const oldest = (await this.queue.getWaiting(-1, -1))[0] ?? (await this.queue.getWaiting(0, 0))[0];
    return { waiting: (counts.wait ?? 0) + (counts.prioritized ?? 0), active: counts.active ?? 0, retrying, oldestMs: oldest ? Date.now() - oldest.timestamp : 0 };
  }

  async onIdle(): Promise<void> {
    for (;;) {
      const d = await this.depth();
      if (d.waiting + d.active + d.retrying === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Stops taking jobs; running ones get `shutdownMs` to finish, then are handed back (their locks lapse and another replica takes them). */
  async close(): Promise<void> {
    if (this.worker) {
      const worker = this.worker;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.o.shutdownMs ?? 25_000)));
      if ((await Promise.race([worker.close(), timeout])) === 'timeout') await worker.close(true);
      clearTimeout(timer);
    }
    await this.created?.close();
  }
}
