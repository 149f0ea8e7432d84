import type { ImageReference } from '../model/reference.js';
import type { RegistryClient } from '../resolver/client.js';
import { toRegistryError } from '../resolver/errors.js';

export type Existence = { status: 'present' } | { status: 'missing'; message: string } | { status: 'unknown'; message: string };

type Ref = Pick<ImageReference, 'registry' | 'repository' | 'tag' | 'digest'>;

/**
 * Does an image still exist in its registry? One HEAD of what the kubelet pulls: the digest when
 * one is written (the tag is then ignored), else the tag. Answers are cached for `ttlMs` per
 * instance, so repositories sharing images in one round cost one request each; only "manifest
 * unknown" counts as missing, anything else (no credentials, a timeout) is "unknown".
 */
export class ImageExistence {
  private readonly cache = new Map<string, { at: number; answer: Promise<Existence> }>();

  constructor(
    private readonly client: Pick<RegistryClient, 'head'>,
    private readonly now: () => number,
    private readonly ttlMs = 10 * 60_000,
    private readonly maxEntries = 20_000,
  ) {}

  check(ref: Ref): Promise<Existence> {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    const key = `${ref.registry}/${ref.repository}${reference.includes(':') ? '@' : ':'}${reference}`;
    const cached = this.cache.get(key);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.answer;
    const answer = this.client.head(ref.registry, ref.repository, reference).then(
      (): Existence => ({ status: 'present' }),
      (err: unknown): Existence => {
        const error = toRegistryError(err);
        return error.kind === 'not-found' ? { status: 'missing', message: error.message } : { status: 'unknown', message: error.message };
      },
    );
    this.cache.delete(key);
    this.cache.set(key, { at: this.now(), answer });
    if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    return answer;
  }
}
