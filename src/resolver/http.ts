import pLimit, { type LimitFunction } from 'p-limit';
import { Agent, fetch, type Dispatcher } from 'undici';
import { RegistryError, toRegistryError } from './errors.js';
import type { HostGuard } from './ssrf.js';

export interface HttpOptions {
  guard: HostGuard;
  timeoutMs?: number;
  maxBodyBytes?: number;
  retries?: number;
  perHostConcurrency?: number;
  /** Longest Retry-After honoured; a registry asking for more is reported as rate limited. */
  maxRetryAfterMs?: number;
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  userAgent?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
  url: string;
}

export interface RequestOptions {
  method: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  /** What the request is for, counted in `stats`. */
  kind: 'ping' | 'manifest' | 'tags' | 'token' | 'chart';
  /** A larger cap than the default, for chart archives and Helm repository indexes. */
  maxBytes?: number;
}

const RETRY_STATUS = new Set([429, 502, 503, 504]);
const MAX_REDIRECTS = 5;

/** Seconds or an HTTP date, as RFC 9110 allows. */
function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

async function readCapped(response: Response | Awaited<ReturnType<typeof fetch>>, max: number): Promise<Uint8Array> {
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > max) {
    await response.body?.cancel();
    throw new RegistryError('registry-error', `registry response of ${length} bytes is over the ${max}-byte limit`, undefined, false);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body ?? []) {
    total += chunk.byteLength;
    if (total > max) throw new RegistryError('registry-error', `registry response is over the ${max}-byte limit`, undefined, false);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * HTTP for registries, layered: SSRF guard → per-host concurrency → retry (honouring Retry-After)
 * → one request with a timeout and a size cap. Redirects are followed by hand so that each target is
 * guarded and the Authorization header never leaves the host it was meant for.
 */
export class RegistryHttp {
  readonly stats = { requests: 0, byKind: { ping: 0, manifest: 0, tags: 0, token: 0, chart: 0 } as Record<RequestOptions['kind'], number> };
  private readonly limits = new Map<string, LimitFunction>();
  private readonly dispatcher: Dispatcher;
  private readonly o: Required<Omit<HttpOptions, 'guard'>>;

  constructor(private readonly options: HttpOptions) {
    this.o = {
      timeoutMs: options.timeoutMs ?? 10_000,
      maxBodyBytes: options.maxBodyBytes ?? 4 * 1024 * 1024,
      retries: options.retries ?? 2,
      perHostConcurrency: options.perHostConcurrency ?? 8,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
      backoffMs: options.backoffMs ?? 250,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      userAgent: options.userAgent ?? 'imagepin',
    };
    this.dispatcher = new Agent({ connect: { lookup: options.guard.lookup }, keepAliveTimeout: 10_000 });
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  async request(url: string, options: RequestOptions): Promise<HttpResponse> {
    const host = new URL(url).host;
    let limit = this.limits.get(host);
    if (!limit) this.limits.set(host, (limit = pLimit(this.o.perHostConcurrency)));
    return limit(() => this.withRetries(url, options));
  }

  private async withRetries(url: string, options: RequestOptions): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse;
      try {
        response = await this.followRedirects(url, options);
      } catch (err) {
        const error = toRegistryError(err);
        if (error.kind === 'blocked' || !error.retryable || attempt >= this.o.retries) throw error;
        await this.o.sleep(this.o.backoffMs * 2 ** attempt);
        continue;
      }
      if (!RETRY_STATUS.has(response.status) || attempt >= this.o.retries) return response;
      const wait = retryAfterMs(response.headers.get('retry-after')) ?? this.o.backoffMs * 2 ** attempt;
      if (wait > this.o.maxRetryAfterMs) return response;
      await this.o.sleep(wait);
    }
  }

  private async followRedirects(start: string, options: RequestOptions): Promise<HttpResponse> {
    let url = new URL(start);
    const origin = url.host;
    const headers: Record<string, string> = { 'user-agent': this.o.userAgent, ...options.headers };
    for (let hop = 0; ; hop++) {
      this.options.guard.checkUrl(url);
      this.stats.requests++;
      this.stats.byKind[options.kind]++;
      const response = await fetch(url, { method: options.method, headers, redirect: 'manual', signal: AbortSignal.timeout(this.o.timeoutMs), dispatcher: this.dispatcher });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        if (hop >= MAX_REDIRECTS) throw new RegistryError('registry-error', `more than ${MAX_REDIRECTS} redirects from ${start}`);
        url = new URL(location, url);
        // Credentials are for the registry's own host: a redirect elsewhere goes without them.
        if (url.host !== origin) delete headers.authorization;
        continue;
      }
      const body = options.method === 'HEAD' ? new Uint8Array() : await readCapped(response, options.maxBytes ?? this.o.maxBodyBytes);
      return { status: response.status, headers: response.headers as unknown as Headers, body, url: url.href };
    }
  }
}
