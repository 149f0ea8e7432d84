/**
 * The app's small shared facts, behind interfaces so that fleet mode keeps them in Redis (with
 * TTLs) and the embedded mode in this process's memory.
 */

/**
 * Delivery ids already accepted: GitHub redelivers, and a redelivery must not run twice. An id is
 * claimed first and settled once its jobs are stored, so a store that fails (and a forget that
 * fails with it) never leaves an id marked done with no job behind it.
 */
export interface DeliveryLog {
  /** True the first time an id is seen (it is then claimed); false once it is settled. Throws while another handler holds the claim. */
  first(id: string): Promise<boolean>;
  /** The claimed id's jobs are stored: later deliveries of it are ignored. */
  settle(id: string): Promise<void>;
  /** Forgets an id whose job could not be stored, so GitHub's redelivery of it is accepted. */
  forget(id: string): Promise<void>;
}

/** A value per PR: the head SHA it was last analysed at, or the check run its last analysis started. */
export interface HeadLog {
  get(key: string): Promise<string | undefined>;
  set(key: string, sha: string): Promise<void>;
}

/** The last `size` delivery ids, per app instance. */
export class MemoryDeliveryLog implements DeliveryLog {
  private readonly seen = new Set<string>();

  constructor(private readonly size = 10_000) {}

  async first(id: string): Promise<boolean> {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.size) this.seen.delete(this.seen.values().next().value!);
    return true;
  }

  /** In one process a claim is settled at once: a forget cannot fail here. */
  async settle(): Promise<void> {}

  async forget(id: string): Promise<void> {
    this.seen.delete(id);
  }
}

/** Heads analysed by this instance (a restart re-analyses each PR once). */
export class MemoryHeadLog implements HeadLog {
  private readonly heads = new Map<string, string>();

  constructor(private readonly size = 50_000) {}

  async get(key: string): Promise<string | undefined> {
    return this.heads.get(key);
  }

  async set(key: string, sha: string): Promise<void> {
    this.heads.delete(key);
    this.heads.set(key, sha);
    if (this.heads.size > this.size) this.heads.delete(this.heads.keys().next().value!);
  }
}
