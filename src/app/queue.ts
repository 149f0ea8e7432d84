import pLimit, { type LimitFunction } from 'p-limit';

/** One unit of work for a key (a pull request); `id` names the request (a delivery), for deduplication. */
export interface Job {
  id: string;
  /** `last` is false while a throw would be tried again (see RetryPolicy). */
  run(attempt: { last: boolean }): Promise<void>;
}

/** How often a job that throws is tried, and the wait before the next try (doubling each time). */
export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
  /** Waits `ms`; tests pass one that does not. */
  sleep?: (ms: number) => Promise<void>;
}

export const defaultRetry: RetryPolicy = { attempts: 3, backoffMs: 2_000 };

/**
 * Where analyses wait. The in-process queue is one implementation; a shared queue (Redis, SQS)
 * can take its place for several app replicas, with the same per-key guarantees.
 */
export interface JobQueue {
  /** Returns false when the same job (key and id) is already running or waiting. */
  enqueue(key: string, job: Job): boolean;
  /** Resolves when nothing is running or waiting. */
  onIdle(): Promise<void>;
}

interface Slot {
  running?: Job;
  waiting?: Job;
}

/**
 * Jobs of one key run one at a time; a job that arrives while one runs waits, replacing any job
 * already waiting (each job looks up the PR's current head itself, so the last one is enough).
 * Keys run in parallel up to `concurrency`. A job that throws is tried again after a backoff
 * (the next job of its key waits meanwhile, so retries keep the per-key order).
 */
export class InProcessQueue implements JobQueue {
  private readonly slots = new Map<string, Slot>();
  private readonly limit: LimitFunction;
  private readonly idle = new Set<() => void>();

  constructor(
    concurrency = 4,
    private readonly onError: (key: string, err: unknown) => void = () => undefined,
    private readonly retry: RetryPolicy = defaultRetry,
  ) {
    this.limit = pLimit(concurrency);
  }

  enqueue(key: string, job: Job): boolean {
    const slot = this.slots.get(key) ?? {};
    if (slot.running?.id === job.id || slot.waiting?.id === job.id) return false;
    this.slots.set(key, slot);
    if (slot.running) {
      slot.waiting = job;
      return true;
    }
    this.start(key, slot, job);
    return true;
  }

  private start(key: string, slot: Slot, job: Job): void {
    slot.running = job;
    void this.limit(() => this.attempt(job))
      .catch((err: unknown) => this.onError(key, err))
      .finally(() => {
        const next = slot.waiting;
        slot.waiting = undefined;
        slot.running = undefined;
        if (next) this.start(key, slot, next);
        else this.slots.delete(key);
        if (this.slots.size === 0) for (const resolve of this.idle) resolve();
      });
  }

  private async attempt(job: Job): Promise<void> {
    const sleep = this.retry.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref()));
    for (let tried = 1; ; tried++) {
      const last = tried >= this.retry.attempts;
      try {
        return await job.run({ last });
      } catch (err) {
        if (last) throw err;
        await sleep(this.retry.backoffMs * 2 ** (tried - 1));
      }
    }
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
}
