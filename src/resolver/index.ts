import { ChartFetcher } from '../charts/fetch.js';
import { MemoryCache, type ResolverCache } from './cache.js';
import { Authenticator } from './auth.js';
import { RegistryClient } from './client.js';
import { CredentialStore } from './credentials.js';
import { Endpoints } from './endpoints.js';
import { RegistryHttp, type HttpOptions } from './http.js';
import { Resolver, type ResolverOptions } from './resolver.js';
import { HostGuard } from './ssrf.js';

export interface ResolverConfig {
  /** `registry=url` overrides (operator only). */
  endpoints?: string[];
  /** Hosts allowed past the SSRF guard although they are private or local (operator only). */
  allowHosts?: string[];
  credentials?: CredentialStore;
  http?: Omit<HttpOptions, 'guard'>;
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
  const http = new RegistryHttp({ ...config.http, guard });
  const auth = new Authenticator(http, config.credentials ?? new CredentialStore(), config.now);
  const client = new RegistryClient(http, auth, endpoints);
  const resolver = new Resolver(client, config.cache ?? new MemoryCache(50_000, config.now), config.resolver);
  return { resolver, client, http, charts: new ChartFetcher(http, client), close: () => http.close() };
}

/** Operator settings from the environment: `IMAGEPIN_ENDPOINTS` and `IMAGEPIN_ALLOW_HOSTS`, comma-separated. */
export function resolverConfigFromEnv(env: NodeJS.ProcessEnv): Pick<ResolverConfig, 'endpoints' | 'allowHosts'> {
  const list = (value?: string): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return { endpoints: list(env.IMAGEPIN_ENDPOINTS), allowHosts: list(env.IMAGEPIN_ALLOW_HOSTS) };
}

export type { Resolution } from './types.js';
export { RegistryError } from './errors.js';
