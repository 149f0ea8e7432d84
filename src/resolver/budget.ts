import { AsyncLocalStorage } from 'node:async_hooks';
import { systemClock, type Clock } from '../model/clock.js';
import { RegistryError } from './errors.js';

/** Time and timers, injectable so tests move a clock instead of waiting (the app's Clock). */
export type Timers = Clock;

/** Real time; timers are unref'd so a pending deadline never keeps the process alive. */
export const systemTimers: Timers = systemClock;

export interface BudgetOptions {
  /** The whole analysis's registry work; default 60 s. */
  deadlineMs: number;
  /** Timeouts of one endpoint before its other requests fail at once; 0 turns the breaker off. */
  breakerAfter: number;
  /** The per-request timeout, named in the breaker's message. */
  timeoutMs: number;
}

/** `60 s`, `1.5 s`, `150 ms`: how long, in the words of the messages. */
export function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

interface Breaker {
  timeouts: number;
  open?: RegistryError;
  controller: AbortController;
}

/**
 * One analysis's registry budget: a deadline for all its requests, and a breaker per endpoint
 * origin (`scheme://host:port`) that opens after `breakerAfter` timeouts and stays open for the rest
 * of the analysis (no half-open probing: an analysis is short, and the next one starts closed).
 * Opening a breaker or passing the deadline aborts the requests in flight, so nothing waits longer.
 */
export class RegistryBudget {
  private readonly deadline = new AbortController();
  private readonly breakers = new Map<string, Breaker>();
  private readonly endsAt: number;
  private readonly cancelDeadline: () => void;

  constructor(
    private readonly timers: Timers,
    private readonly options: BudgetOptions,
  ) {
    this.endsAt = timers.now() + options.deadlineMs;
    this.cancelDeadline = timers.after(options.deadlineMs, () => this.deadline.abort());
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - this.timers.now());
  }

  /** Why a request to `origin` must not be made (deadline passed or breaker open), if it must not. */
  stopped(origin: string, host: string): RegistryError | undefined {
    if (this.deadline.signal.aborted) return this.deadlineError(host);
    return this.breakers.get(origin)?.open;
  }

  /** Aborted when the deadline passes or `origin`'s breaker opens. */
  signal(origin: string): AbortSignal {
    return AbortSignal.any([this.deadline.signal, this.breaker(origin).controller.signal]);
  }

  /** A request to `origin` timed out: counts towards its breaker, which may open (and abort the rest). */
  timedOut(origin: string, host: string): RegistryError {
    const breaker = this.breaker(origin);
    const error = new RegistryError('timeout', `registry ${host} did not answer within ${seconds(this.options.timeoutMs)}`);
    if (this.options.breakerAfter > 0 && ++breaker.timeouts >= this.options.breakerAfter && !breaker.open) {
      breaker.open = new RegistryError('timeout', `${error.message}; imagepin stopped asking it for the rest of this analysis`);
      breaker.controller.abort(breaker.open);
    }
    return error;
  }

  deadlineError(host: string): RegistryError {
    return new RegistryError('timeout', `the analysis deadline of ${seconds(this.options.deadlineMs)} passed before registry ${host} answered`);
  }

  /** Stops the deadline timer once the analysis is done. */
  end(): void {
    this.cancelDeadline();
  }

  private breaker(origin: string): Breaker {
    let breaker = this.breakers.get(origin);
    if (!breaker) this.breakers.set(origin, (breaker = { timeouts: 0, controller: new AbortController() }));
    return breaker;
  }
}

/** Carries the current analysis's budget through the async calls of the resolver stack (per instance). */
export class BudgetScope {
  private readonly storage = new AsyncLocalStorage<RegistryBudget>();

  constructor(
    private readonly timers: Timers,
    private readonly options: BudgetOptions,
  ) {}

  /** The budget of the analysis this call belongs to, if any. */
  current(): RegistryBudget | undefined {
    return this.storage.getStore();
  }

  /** Runs `work` under a fresh budget; a call already inside one shares it (one analysis, one deadline). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.current()) return work();
    const budget = new RegistryBudget(this.timers, this.options);
    try {
      return await this.storage.run(budget, work);
    } finally {
      budget.end();
    }
  }
}
