import { ChartFetcher } from '../charts/fetch.js';
import { MemoryCache, type ResolverCache } from './cache.js';
import { Authenticator } from './auth.js';
import { RegistryClient } from './client.js';
import { CredentialStore } from './credentials.js';
import { Endpoints } from './endpoints.js';
import { hostLimitsFromEnv } from './host-limits.js';
import { RegistryHttp, type HttpOptions } from './http.js';
import type { RequestLimiter } from './limiter.js';
import { Resolver, type ResolverOptions } from './resolver.js';
import { RealmAllowList } from './realms.js';
import { HostGuard } from './ssrf.js';

export interface ResolverConfig {
  /** `registry=url` overrides (operator only). */
  endpoints?: string[];
  /** Hosts allowed past the SSRF guard although they are private or local (operator only). */
  allowHosts?: string[];
  /** `registry=https://realm-origin` pairs: token realms on another origin that may receive the registry's credentials. */
  tokenRealms?: string[];
  credentials?: CredentialStore;
  http?: Omit<HttpOptions, 'guard' | 'operatorHosts' | 'limiter'>;
  /** Where the per-host limits are kept; default in this process. Fleet mode passes `createSharedLimiter(redis, prefix)`. */
  limiter?: RequestLimiter;
  resolver?: ResolverOptions;
  cache?: ResolverCache;
  now?: () => number;
}

export interface ResolverStack {
  resolver: Resolver;
  /** Charts, fetched through the same guarded HTTP and registry client. */
  charts: ChartFetcher;
  client: RegistryClient;
  http: RegistryHttp;
  close(): Promise<void>;
}

/** Assembles guard → HTTP → auth → client → resolver, each with its own state. */
export function createResolver(config: ResolverConfig = {}): ResolverStack {
  const endpoints = Endpoints.parse(config.endpoints ?? []);
  const guard = new HostGuard([...(config.allowHosts ?? []), ...endpoints.operatorHosts()]);
  const http = new RegistryHttp({ ...config.http, guard, operatorHosts: endpoints.operatorHosts(), ...(config.limiter ? { limiter: config.limiter } : {}) });
  const auth = new Authenticator(http, config.credentials ?? new CredentialStore(), config.now ?? config.http?.timers?.now, new RealmAllowList(config.tokenRealms));
  const client = new RegistryClient(http, auth, endpoints);
  const resolver = new Resolver(client, config.cache ?? new MemoryCache(50_000, config.now ?? config.http?.timers?.now), config.resolver);
  return { resolver, client, http, charts: new ChartFetcher(http, client), close: () => http.close() };
}

/** `60`, `60s`, `1.5s`, `500ms`, `2m` as milliseconds; throws with the fix. */
export function parseDuration(value: string, setting: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/.exec(value.trim());
  if (!match) throw new Error(`${setting} must be a duration such as 60s, 1.5s, 500ms or 2m, not "${value}"`);
  return Number(match[1]) * (match[2] === 'ms' ? 1 : match[2] === 'm' ? 60_000 : 1000);
}

/**
 * Operator settings from the environment: `IMAGEPIN_ENDPOINTS`, `IMAGEPIN_ALLOW_HOSTS` and
 * `IMAGEPIN_TOKEN_REALMS` (comma-separated), `IMAGEPIN_DEADLINE`, `IMAGEPIN_REGISTRY_TIMEOUT`
 * (durations), `IMAGEPIN_BREAKER_AFTER` (a count; 0 turns the breaker off) and the per-host
 * limits (`hostLimitsFromEnv`: IMAGEPIN_REGISTRY_CONCURRENCY, IMAGEPIN_OPERATOR_CONCURRENCY, their
 * _RATE, IMAGEPIN_HOST_LIMITS); `IMAGEPIN_REGISTRY_HTTP2` (`on`/`off`, default off) offers HTTP/2 to
 * TLS registries.
 */
export function resolverConfigFromEnv(env: NodeJS.ProcessEnv): Pick<ResolverConfig, 'endpoints' | 'allowHosts' | 'tokenRealms'> & { http: Pick<HttpOptions, 'deadlineMs' | 'timeoutMs' | 'breakerAfter' | 'hostLimits' | 'http2'> } {
  const list = (value?: string): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const http: Pick<HttpOptions, 'deadlineMs' | 'timeoutMs' | 'breakerAfter' | 'hostLimits' | 'http2'> = { hostLimits: hostLimitsFromEnv(env) };
  const h2 = (env.IMAGEPIN_REGISTRY_HTTP2 ?? 'off').trim().toLowerCase();
  if (!['on', 'off'].includes(h2)) throw new Error(`IMAGEPIN_REGISTRY_HTTP2 must be on or off, not "${env.IMAGEPIN_REGISTRY_HTTP2}"`);
  http.http2 = h2 === 'on';
  if (env.IMAGEPIN_DEADLINE) http.deadlineMs = parseDuration(env.IMAGEPIN_DEADLINE, 'IMAGEPIN_DEADLINE');
  if (env.IMAGEPIN_REGISTRY_TIMEOUT) http.timeoutMs = parseDuration(env.IMAGEPIN_REGISTRY_TIMEOUT, 'IMAGEPIN_REGISTRY_TIMEOUT');
  if (env.IMAGEPIN_BREAKER_AFTER) {
    if (!/^\d+$/.test(env.IMAGEPIN_BREAKER_AFTER.trim())) throw new Error(`IMAGEPIN_BREAKER_AFTER must be a whole number of timeouts (0 turns the breaker off), not "${env.IMAGEPIN_BREAKER_AFTER}"`);
    http.breakerAfter = Number(env.IMAGEPIN_BREAKER_AFTER);
  }
  return { endpoints: list(env.IMAGEPIN_ENDPOINTS), allowHosts: list(env.IMAGEPIN_ALLOW_HOSTS), tokenRealms: list(env.IMAGEPIN_TOKEN_REALMS), http };
}

export type { Resolution } from './types.js';
export { RegistryError } from './errors.js';
