import pLimit, { type LimitFunction } from 'p-limit';
import type { Clock } from './clock.js';
import { jobKey, type JobData } from './jobs.js';

/**
 * What runs a job (on any replica): authenticates as the job's installation and does the work.
 * `last` is false while a throw would be tried again (see RetryPolicy), so an analysis can leave
 * its check run in progress for the retry instead of failing it.
 */
export type JobRunner = (job: JobData, attempt: { last: boolean }) => Promise<void>;

/** How often a job that throws is tried, and how long to wait between tries (doubling). */
export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
  /** Waits `ms`; tests pass one that does not (in-process queue only). */
  sleep?: (ms: number) => Promise<void>;
}

export const defaultRetry: RetryPolicy = { attempts: 3, backoffMs: 2_000 };

/**
 * Where jobs wait. The in-process queue serves one replica; the BullMQ queue (fleet mode) shares
 * jobs between replicas through Redis. Both keep one job per key running and one waiting.
 */
export interface JobQueue {
  /** Resolves once the job is stored; false when the same job (key and delivery) is already waiting or running. Rejects when it cannot be stored. */
  enqueue(job: JobData): Promise<boolean>;
  /** Stores a job to run after `delayMs`; a later call for the same key replaces the one still pending. */
  later(job: JobData, delayMs: number): Promise<void>;
  /** Resolves when nothing is running or waiting (on this replica, for the in-process queue). */
  onIdle(): Promise<void>;
  /** Stops taking jobs and waits for running ones (or hands them back). */
  close(): Promise<void>;
}

interface Slot {
  running?: JobData;
  waiting?: JobData;
}

export interface InProcessOptions {
  concurrency?: number;
  retry?: RetryPolicy;
  onError?: (key: string, err: unknown, job: JobData) => void;
  /** Timers for `later` (tests move a manual clock). */
  clock?: Clock;
}

/**
 * Jobs of one key run one at a time; a job that arrives while one runs waits, replacing any job
 * already waiting (each job looks up the PR's current head itself, so the last one is enough).
 * Keys run in parallel up to `concurrency`. A job that throws is tried again after a backoff.
 */
export class InProcessQueue implements JobQueue {
  private readonly slots = new Map<string, Slot>();
  private readonly limit: LimitFunction;
  private readonly idle = new Set<() => void>();
  private readonly retry: RetryPolicy;
  private readonly pending = new Map<string, () => void>();
  private closed = false;

  constructor(private readonly run: JobRunner, private readonly o: InProcessOptions = {}) {
    this.limit = pLimit(o.concurrency ?? 4);
    this.retry = o.retry ?? defaultRetry;
  }

  async enqueue(job: JobData): Promise<boolean> {
    if (this.closed) throw new Error('the queue is shutting down');
    const key = jobKey(job);
    const slot = this.slots.get(key) ?? {};
    if (slot.running?.delivery === job.delivery || slot.waiting?.delivery === job.delivery) return false;
    this.slots.set(key, slot);
    if (slot.running) {
      slot.waiting = job;
      return true;
    }
    this.start(key, slot, job);
    return true;
  }

  private start(key: string, slot: Slot, job: JobData): void {
    slot.running = job;
    void this.limit(() => this.attempt(job))
      .catch((err: unknown) => this.o.onError?.(key, err, job))
      .finally(() => {
        const next = slot.waiting;
        slot.waiting = undefined;
        slot.running = undefined;
        if (next) this.start(key, slot, next);
        else this.slots.delete(key);
        if (this.slots.size === 0) for (const resolve of this.idle) resolve();
      });
  }

  private async attempt(job: JobData): Promise<void> {
    const sleep = this.retry.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref()));
    for (let tried = 1; ; tried++) {
      // A closing queue tries no more, so the try it is on is the last.
      const last = tried >= this.retry.attempts || this.closed;
      try {
        return await this.run(job, { last });
      } catch (err) {
        if (last || this.closed) throw err;
        await sleep(this.retry.backoffMs * 2 ** (tried - 1));
      }
    }
  }

  async later(job: JobData, delayMs: number): Promise<void> {
    const key = jobKey(job);
    this.pending.get(key)?.();
    if (this.pending.size > 10_000) this.pending.delete(this.pending.keys().next().value!);
    const clock = this.o.clock;
    const after = clock ? (ms: number, fn: () => void) => clock.after(ms, fn) : (ms: number, fn: () => void) => clearer(setTimeout(fn, ms));
    this.pending.set(key, after(delayMs, () => {
      this.pending.delete(key);
      if (!this.closed) void this.enqueue(job);
    }));
  }

  onIdle(): Promise<void> {
    if (this.slots.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.idle.delete(done);
        resolve();
      };
      this.idle.add(done);
    });
  }

  /** Takes no new jobs and lets the running ones finish (in one process there is nobody to hand them to). */
  async close(): Promise<void> {
    this.closed = true;
    for (const cancel of this.pending.values()) cancel();
    this.pending.clear();
    await this.onIdle();
  }
}

function clearer(timer: NodeJS.Timeout): () => void {
  timer.unref();
  return () => clearTimeout(timer);
}
