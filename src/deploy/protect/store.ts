import type { Contribution } from './types.js';

/**
 * Where the protected set lives between sweeps: each repository's last contribution, and a lock
 * per registry project so two sweeps never plan one project's rules at once. In one process this
 * is memory; a fleet keeps it in its shared state (Redis) behind the same interface.
 */
export interface ProtectionStore {
  /** When this store began collecting: protection is only narrowed once every repository had time to report. */
  since(): Promise<number>;
  put(source: string, contribution: Contribution): Promise<void>;
  get(source: string): Promise<Contribution | undefined>;
  all(): Promise<Map<string, Contribution>>;
  /** Runs `fn` while no other holder of `key` runs. */
  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** The in-process store: lost on restart, which is why narrowing waits a round after a start. */
export class InMemoryProtectionStore implements ProtectionStore {
  private readonly contributions = new Map<string, Contribution>();
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly started: number) {}

  async since(): Promise<number> {
    return this.started;
  }

  async put(source: string, contribution: Contribution): Promise<void> {
    this.contributions.set(source, contribution);
  }

  async get(source: string): Promise<Contribution | undefined> {
    return this.contributions.get(source);
  }

  async all(): Promise<Map<string, Contribution>> {
    return new Map(this.contributions);
  }

  exclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = this.locks.get(key) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const settled = run.catch(() => undefined);
    this.locks.set(key, settled);
    void settled.then(() => {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    });
    return run;
  }
}
