/** Most scopes asked for in one token request (Docker Hub and distribution accept several `scope=`). */
export const MAX_SCOPES = 10;

/**
 * The scopes a JWT's `access` claim grants, as `repository:NAME:ACTION` for each action; empty
 * when the token is not a JWT or carries no claim (then nothing is assumed granted). The signature
 * is not checked: the registry checks it; this only decides which cache entries a token may fill.
 */
export function grantedScopes(token: string): Set<string> {
  const granted = new Set<string>();
  const payload = token.split('.')[1];
  if (!payload) return granted;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { access?: unknown };
    if (!Array.isArray(claims.access)) return granted;
    for (const entry of claims.access as { type?: unknown; name?: unknown; actions?: unknown }[]) {
      if (typeof entry?.type !== 'string' || typeof entry.name !== 'string' || !Array.isArray(entry.actions)) continue;
      for (const action of entry.actions) if (typeof action === 'string') granted.add(`${entry.type}:${entry.name}:${action}`);
    }
  } catch {
    granted.clear();
  }
  return granted;
}

/**
 * Scopes wanted by requests that start together, gathered until the next turn of the event loop
 * (or MAX_SCOPES), then asked for in one go. One per endpoint, owned by its Authenticator.
 */
export class ScopeBatch<T> {
  private waiting: { scope: string; resolve: (value: T) => void; reject: (err: unknown) => void }[] = [];

  constructor(private readonly fetch: (scopes: string[]) => Promise<Map<string, T>>, private readonly single: (scope: string) => Promise<T>) {}

  /** The answer for `scope`: from a batched request when it granted the scope, else a request of its own. */
  want(scope: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ scope, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => this.flush());
      else if (this.waiting.length >= MAX_SCOPES) this.flush();
    });
  }

  private flush(): void {
    const batch = this.waiting.splice(0);
    if (batch.length === 0) return;
    const each = (answers: Map<string, T>): void => {
      for (const w of batch) {
        const answer = answers.get(w.scope);
        if (answer !== undefined) w.resolve(answer);
        else this.single(w.scope).then(w.resolve, w.reject);
      }
    };
    if (batch.length === 1) {
      this.single(batch[0]!.scope).then(batch[0]!.resolve, batch[0]!.reject);
      return;
    }
    // A refused or failed batch is not an answer: each scope asks on its own, and reports its own failure.
    this.fetch(batch.map((w) => w.scope)).then(each, () => each(new Map()));
  }
}
