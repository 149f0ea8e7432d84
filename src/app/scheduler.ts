import type { Clock } from './clock.js';

export interface SchedulerOptions {
  clock: Clock;
  intervalMs: number;
  /** A number in [0, 1); each installation's rounds start at its own offset into the interval. */
  random?: () => number;
  /** The installations to sweep now (re-read every interval, so new installations join). */
  installations: () => Promise<number[]>;
  /** Sweeps every repository of one installation (the queue keeps one sweep per repository at a time). */
  sweep: (installation: number) => Promise<void>;
  onError: (err: unknown, installation?: number) => void;
}

/**
 * The in-process schedule of deployment sweeps. Each installation runs once per interval at a
 * random offset (jitter), so 300 repositories do not all call GitHub and the registries in the
 * same second after a deploy of the app. State is this instance's timers, nothing else.
 */
export class SweepScheduler {
  private readonly timers = new Map<number, () => void>();
  private readonly rounds = new Set<Promise<void>>();
  private cancelRefresh?: () => void;
  private stopped = false;

  constructor(private readonly o: SchedulerOptions) {}

  start(): void {
    void this.refresh();
  }

  stop(): void {
    this.stopped = true;
    this.cancelRefresh?.();
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  /** Resolves when the rounds started so far have handed their repositories to the queue. */
  async idle(): Promise<void> {
    while (this.rounds.size) await Promise.all(this.rounds);
  }

  /** Installations now known to the scheduler. */
  get installations(): number[] {
    return [...this.timers.keys()];
  }

  private async refresh(): Promise<void> {
    if (this.stopped) return;
    try {
      const current = new Set(await this.o.installations());
      for (const [id, cancel] of this.timers) {
        if (current.has(id)) continue;
        cancel();
        this.timers.delete(id);
      }
      for (const id of current) if (!this.timers.has(id)) this.plan(id, Math.floor((this.o.random ?? Math.random)() * this.o.intervalMs));
    } catch (err) {
      this.o.onError(err);
    }
    if (!this.stopped) this.cancelRefresh = this.o.clock.after(this.o.intervalMs, () => void this.refresh());
  }

  private plan(id: number, delay: number): void {
    this.timers.set(id, this.o.clock.after(delay, () => {
      if (this.stopped || !this.timers.has(id)) return;
      this.plan(id, this.o.intervalMs);
      const round = this.o.sweep(id).catch((err: unknown) => this.o.onError(err, id)).finally(() => this.rounds.delete(round));
      this.rounds.add(round);
    }));
  }
}
