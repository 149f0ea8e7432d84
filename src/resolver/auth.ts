import type { Endpoint } from './endpoints.js';
import type { CredentialStore, Credential } from './credentials.js';
import { RegistryError } from './errors.js';
import type { RegistryHttp } from './http.js';
import { RealmAllowList } from './realms.js';
import { grantedScopes, ScopeBatch } from './scope-batch.js';

/** A parsed `WWW-Authenticate` challenge. */
export interface Challenge {
  scheme: 'bearer' | 'basic' | 'none';
  realm?: string;
  service?: string;
}

/** Parses `Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="..."`. */
export function parseChallenge(header: string | null): Challenge {
  if (!header) return { scheme: 'none' };
  const scheme = /^\s*(\w+)/.exec(header)?.[1]?.toLowerCase();
  const params: Record<string, string> = {};
  for (const match of header.matchAll(/(\w+)="([^"]*)"/g)) params[match[1]!.toLowerCase()] = match[2]!;
  if (scheme === 'bearer') return { scheme: 'bearer', realm: params.realm, service: params.service };
  if (scheme === 'basic') return { scheme: 'basic', realm: params.realm };
  return { scheme: 'none' };
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

function basic(credential: Credential): string {
  return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
}

/**
 * The registry auth flow: one ping per endpoint learns its challenge; Bearer tokens are cached per
 * endpoint and scope until they expire, fetched single-flight (16 concurrent lookups of one
 * repository make one token request), and dropped when the registry rejects them. Credentials go
 * to the endpoint's own origin (scheme, host and port), or to a token realm on that origin or one
 * the operator listed (RealmAllowList); a realm anywhere else gets an anonymous token request.
 * Scopes of one endpoint wanted at once are asked for in one token request (ScopeBatch); that
 * token serves only the scopes its JWT `access` claim grants, the others ask on their own.
 */
export class Authenticator {
  private readonly challenges = new Map<string, Promise<Challenge>>();
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken | undefined>>();
  private readonly batches = new Map<string, ScopeBatch<CachedToken | undefined>>();

  constructor(
    private readonly http: RegistryHttp,
    private readonly credentials: CredentialStore,
    private readonly now: () => number = Date.now,
    private readonly realms = new RealmAllowList(),
  ) {}

  /** Headers that authorise a request to `endpoint` for `scope` (`repository:library/nginx:pull`). */
  async headers(endpoint: Endpoint, scope: string): Promise<Record<string, string>> {
    const challenge = await this.challenge(endpoint);
    const credential = this.credentials.forOrigin(endpoint.base);
    if (challenge.scheme === 'basic') return credential ? { authorization: basic(credential) } : {};
    if (challenge.scheme !== 'bearer') return {};
    const token = await this.token(endpoint, challenge, scope);
    return token ? { authorization: `Bearer ${token.token}` } : {};
  }

  /** After a 401: forget the token (it expired or lacked the scope) and learn the challenge again. */
  rejected(endpoint: Endpoint, scope: string, header: string | null): void {
    this.tokens.delete(`${endpoint.base}|${scope}`);
    this.challenges.set(endpoint.base, Promise.resolve(parseChallenge(header)));
  }

  private challenge(endpoint: Endpoint): Promise<Challenge> {
    let known = this.challenges.get(endpoint.base);
    if (!known) {
      known = this.http.request(`${endpoint.base}/`, { method: 'GET', kind: 'ping' }).then((response) => parseChallenge(response.status === 401 ? response.headers.get('www-authenticate') : null));
      known.catch(() => this.challenges.delete(endpoint.base));
      this.challenges.set(endpoint.base, known);
    }
    return known;
  }

  private async token(endpoint: Endpoint, challenge: Challenge, scope: string): Promise<CachedToken | undefined> {
    const key = `${endpoint.base}|${scope}`;
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > this.now()) return cached;
    let flight = this.pending.get(key);
    if (!flight) {
      flight = this.batch(endpoint, challenge).want(scope).finally(() => this.pending.delete(key));
      this.pending.set(key, flight);
    }
    const token = await flight;
    if (token) this.tokens.set(key, token);
    return token;
  }

  private batch(endpoint: Endpoint, challenge: Challenge): ScopeBatch<CachedToken | undefined> {
    const key = `${endpoint.base}|${challenge.realm ?? ''}|${challenge.service ?? ''}`;
    let batch = this.batches.get(key);
    if (!batch) {
      const several = async (scopes: string[]): Promise<Map<string, CachedToken | undefined>> => {
        const token = await this.fetchToken(endpoint, challenge, scopes);
        const granted = token ? grantedScopes(token.token) : new Set<string>();
        return new Map(scopes.filter((scope) => granted.has(scope)).map((scope) => [scope, token]));
      };
      batch = new ScopeBatch(several, (scope) => this.fetchToken(endpoint, challenge, [scope]));
      this.batches.set(key, batch);
    }
    return batch;
  }

  private async fetchToken(endpoint: Endpoint, challenge: Challenge, scopes: string[]): Promise<CachedToken | undefined> {
    if (!challenge.realm) throw new RegistryError('unauthorized', `${endpoint.host} asked for a token but named no realm`);
    let realm: URL;
    try {
      realm = new URL(challenge.realm);
    } catch {
      throw new RegistryError('unauthorized', `${endpoint.host} named a token realm that is not a URL ("${challenge.realm.slice(0, 80)}")`, undefined, false);
    }
    if (challenge.service) realm.searchParams.set('service', challenge.service);
    for (const scope of scopes) realm.searchParams.append('scope', scope);
    const credential = this.credentials.forOrigin(endpoint.base);
    const headers: Record<string, string> = {};
    if (credential && this.realms.allows(new URL(endpoint.base), realm)) headers.authorization = basic(credential);
    const started = this.now();
    const response = await this.http.request(realm.href, { method: 'GET', kind: 'token', headers });
    if (response.status === 401 || response.status === 403) throw new RegistryError('unauthorized', `the token service of ${endpoint.host} refused access (HTTP ${response.status}); check the credentials for ${endpoint.host}`, response.status);
    if (response.status !== 200) throw new RegistryError('registry-error', `the token service of ${endpoint.host} answered HTTP ${response.status}`, response.status);
    let data: { token?: string; access_token?: string; expires_in?: number };
    try {
      data = JSON.parse(Buffer.from(response.body).toString('utf8')) as typeof data;
    } catch {
      throw new RegistryError('registry-error', `the token service of ${endpoint.host} sent a body that is not JSON`);
    }
    const token = data.token ?? data.access_token;
    if (!token) throw new RegistryError('registry-error', `the token service of ${endpoint.host} sent no token`);
    // The spec's default lifetime is 60 s; renew a little early so a token never expires in flight.
    const lifetime = Math.max(1, (data.expires_in ?? 60) - 5) * 1000;
    return { token, expiresAt: started + lifetime };
  }
}
