/** Why a reference could not be resolved. Every registry failure becomes one of these, never a crash. */
/** `own-limit`: imagepin's own per-host limit did not let the request go (its Redis failed, no slot or rate before the deadline); the registry was not asked. */
export type ResolveErrorKind = 'not-found' | 'unauthorized' | 'rate-limited' | 'timeout' | 'registry-error' | 'blocked' | 'own-limit';

/** A typed registry failure. `retryable` says whether trying later may help (a host problem, not the reference). */
export class RegistryError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly kind: ResolveErrorKind,
    message: string,
    readonly status?: number,
    retryable?: boolean,
  ) {
    super(message);
    this.name = 'RegistryError';
    this.retryable = retryable ?? (kind === 'timeout' || kind === 'rate-limited' || kind === 'registry-error' || kind === 'own-limit');
  }
}

/** Converts anything thrown inside the resolver into a RegistryError; unknown errors are reported as registry errors. */
export function toRegistryError(err: unknown): RegistryError {
  if (err instanceof RegistryError) return err;
  const cause = (err as { cause?: unknown })?.cause;
  if (cause instanceof RegistryError) return cause;
  const name = (err as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return new RegistryError('timeout', 'registry timed out');
  const code = (cause as { code?: string })?.code ?? (err as { code?: string })?.code;
  const host = (cause as { hostname?: string; address?: string })?.hostname ?? (cause as { address?: string })?.address;
  const detail = code ? `${code}${host ? ` for ${host}` : ''}` : ((cause as Error)?.message ?? (err as Error)?.message ?? String(err));
  return new RegistryError('registry-error', `registry unreachable (${detail})`);
}

/** The registry was never heard from (no connection, or no answer in time), as opposed to an answer that refused or failed. */
export function isUnreachable(error: { kind: ResolveErrorKind; message: string }): boolean {
  return error.kind === 'timeout' || (error.kind === 'registry-error' && error.message.startsWith('registry unreachable'));
}
