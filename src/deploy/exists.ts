import type { ImageReference } from '../model/reference.js';
import type { RegistryClient } from '../resolver/client.js';
import { toRegistryError } from '../resolver/errors.js';
import { MemoryExistenceStore, type Existence, type ExistenceStore } from './existence-store.js';

export type { Existence } from './existence-store.js';

type Ref = Pick<ImageReference, 'registry' | 'repository' | 'tag' | 'digest'>;

/**
 * Does an image still exist in its registry? One HEAD of what the kubelet pulls: the digest when
 * one is written (the tag is then ignored), else the tag. Answers are kept for `ttlMs` in a store
 * (in memory by default; Redis in fleet mode, shared by the replicas and kept over a restart), and
 * concurrent checks of one image share one request, so repositories sharing images in one round
 * cost one request each; only "manifest unknown" counts as missing, anything else (no
 * credentials, a timeout) is "unknown".
 */
export class ImageExistence {
  private readonly inFlight = new Map<string, Promise<Existence>>();
  private readonly store: ExistenceStore;

  constructor(
    private readonly client: Pick<RegistryClient, 'head'>,
    now: () => number,
    private readonly ttlMs = 10 * 60_000,
    maxEntries = 20_000,
    store?: ExistenceStore,
  ) {
    this.store = store ?? new MemoryExistenceStore(now, maxEntries);
  }

  check(ref: Ref): Promise<Existence> {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    const key = `${ref.registry}/${ref.repository}${reference.includes(':') ? '@' : ':'}${reference}`;
    let flight = this.inFlight.get(key);
    if (!flight) {
      flight = this.lookUp(ref, reference, key).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, flight);
    }
    return flight;
  }

  private async lookUp(ref: Ref, reference: string, key: string): Promise<Existence> {
    const stored = await this.store.get(key);
    if (stored) return stored;
    const answer = await this.client.head(ref.registry, ref.repository, reference).then(
      (): Existence => ({ status: 'present' }),
      (err: unknown): Existence => {
        const error = toRegistryError(err);
        return error.kind === 'not-found' ? { status: 'missing', message: error.message } : { status: 'unknown', message: error.message };
      },
    );
    await this.store.set(key, answer, this.ttlMs);
    return answer;
  }
}
