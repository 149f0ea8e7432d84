import type { Dispatcher } from 'undici';
import { BudgetScope, systemTimers, type BudgetOptions, type Timers } from './budget.js';
import { registryDispatcher } from './dispatcher.js';
import { RegistryError, toRegistryError } from './errors.js';
import { DEFAULT_HOST_LIMITS, HostLimits, type HostLimit, type HostLimitSettings } from './host-limits.js';
import { hop } from './http-hop.js';
import { InProcessLimiter, type RequestLimiter } from './limiter.js';
import { keepsCredentials } from './origins.js';
import type { HostGuard } from './ssrf.js';

export interface HttpOptions {
  guard: HostGuard;
  timeoutMs?: number;
  maxBodyBytes?: number;
  retries?: number;
  /** Requests at once (and a rate) per host: public registries, operator endpoints, per-host overrides. */
  hostLimits?: HostLimitSettings;
  /** `name:port` of the operator's endpoints, which get `hostLimits.operator`. */
  operatorHosts?: string[];
  /** Where the limits are kept; default in this process. In fleet mode, Redis (`createSharedLimiter`). */
  limiter?: RequestLimiter;
  /** Longest Retry-After honoured; a registry asking for more is reported as rate limited. */
  maxRetryAfterMs?: number;
  backoffMs?: number;
  /** The registry work of one analysis (resolveAll); default 60 s. */
  deadlineMs?: number;
  /** Timeouts of one endpoint before the rest of its requests in the analysis fail at once; 0: never. */
  breakerAfter?: number;
  timers?: Timers;
  sleep?: (ms: number) => Promise<void>;
  userAgent?: string;
  /** Offer HTTP/2 to TLS registries (IMAGEPIN_REGISTRY_HTTP2); default off. */
  http2?: boolean;
  /** Told of every request sent (each redirect hop): its host and status, or `error` when no answer came (metrics). */
  onResponse?: (host: string, status: number | 'error') => void;
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

type Settings = Required<Omit<HttpOptions, 'guard' | 'timers' | 'deadlineMs' | 'breakerAfter' | 'onResponse' | 'hostLimits' | 'operatorHosts' | 'limiter' | 'http2'>>;

/**
 * HTTP for registries, layered: SSRF guard → per-host concurrency (and rate, per attempt) → retry (honouring Retry-After)
 * → redirects, each hop guarded → one request with a timeout and a size cap, under the analysis's
 * budget (deadline and per-endpoint breaker). The Authorization header never leaves the origin
 * (scheme, host and port) it was meant for.
 */
export class RegistryHttp {
  readonly stats = { requests: 0, byKind: { ping: 0, manifest: 0, tags: 0, token: 0, chart: 0 } as Record<RequestOptions['kind'], number> };
  readonly budgets: BudgetScope;
  private readonly limits: HostLimits;
  private readonly limiter: RequestLimiter;
  private readonly deadlineMs: number;
  private readonly dispatcher: Dispatcher;
  private readonly timers: Timers;
  private readonly o: Settings;

  constructor(private readonly options: HttpOptions) {
    this.timers = options.timers ?? systemTimers;
    this.o = {
      timeoutMs: options.timeoutMs ?? 10_000,
      maxBodyBytes: options.maxBodyBytes ?? 4 * 1024 * 1024,
      retries: options.retries ?? 2,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
      backoffMs: options.backoffMs ?? 250,
      // A wait before a retry is work in progress: with the system's timers it must keep the process
      // alive (theirs are unref'd), or a CLI whose every request is being retried exits mid-scan.
      sleep: options.sleep ?? (options.timers ? (ms) => new Promise((resolve) => this.timers.after(ms, resolve)) : (ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      userAgent: options.userAgent ?? 'imagepin',
    };
    this.limits = new HostLimits(options.hostLimits ?? DEFAULT_HOST_LIMITS, options.operatorHosts ?? []);
    this.limiter = options.limiter ?? new InProcessLimiter(this.o.sleep);
    this.deadlineMs = options.deadlineMs ?? 60_000;
    const budget: BudgetOptions = { deadlineMs: this.deadlineMs, breakerAfter: options.breakerAfter ?? 1, timeoutMs: this.o.timeoutMs };
    this.budgets = new BudgetScope(this.timers, budget);
    this.dispatcher = registryDispatcher({ guard: options.guard, http2: options.http2 ?? false, connections: (origin) => this.limits.for(origin).concurrency });
  }

  async close(): Promise<void> {
    // A limiter handed in (the fleet's) belongs to its maker, who closes it.
    if (!this.options.limiter) await this.limiter.close();
    await this.dispatcher.close();
  }

  /** The limit a request to `url` runs under (tests and the docs read it). */
  limitFor(url: string): HostLimit & { key: string } {
    return this.limits.for(new URL(url));
  }

  async request(url: string, options: RequestOptions): Promise<HttpResponse> {
    const limit = this.limitFor(url);
    return this.limiter.slot(limit.key, limit, this.waitMs(), () => this.withRetries(url, options, limit));
  }

  /** How long a request may wait for its slot or rate: what is left of the analysis's deadline. */
  private waitMs(): number {
    return this.budgets.current()?.remainingMs() ?? this.deadlineMs;
  }

  /** Seconds or an HTTP date, as RFC 9110 allows. */
  private retryAfterMs(value: string | null): number | undefined {
    if (!value) return undefined;
    if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - this.timers.now());
  }

  private async withRetries(url: string, options: RequestOptions, limit: HostLimit & { key: string }): Promise<HttpResponse> {
    const target = new URL(url);
    const budget = this.budgets.current();
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse;
      // Each attempt is a request the registry counts; a limiter failure is final (not retried).
      if (limit.rate) await this.limiter.pace(limit.key, limit.rate, this.waitMs());
      try {
        response = await this.followRedirects(target, options);
      } catch (err) {
        const error = toRegistryError(err);
        // A stopped budget (deadline, open breaker) is final for this analysis: no retry can help.
        if (error.kind === 'blocked' || !error.retryable || attempt >= this.o.retries || budget?.stopped(target.origin, target.host)) throw error;
        await this.o.sleep(this.o.backoffMs * 2 ** attempt);
        continue;
      }
      if (!RETRY_STATUS.has(response.status) || attempt >= this.o.retries) return response;
      const wait = this.retryAfterMs(response.headers.get('retry-after')) ?? this.o.backoffMs * 2 ** attempt;
      if (wait > this.o.maxRetryAfterMs || (budget && wait >= budget.remainingMs())) return response;
      await this.o.sleep(wait);
    }
  }

  private async followRedirects(start: URL, options: RequestOptions): Promise<HttpResponse> {
    let url = start;
    const headers: Record<string, string> = { 'user-agent': this.o.userAgent, ...options.headers };
    for (let redirects = 0; ; redirects++) {
      this.options.guard.checkUrl(url);
      this.stats.requests++;
      this.stats.byKind[options.kind]++;
      const answer = await hop(url, {
        method: options.method, headers, maxBytes: options.maxBytes ?? this.o.maxBodyBytes, timeoutMs: this.o.timeoutMs,
        timers: this.timers, dispatcher: this.dispatcher, budget: this.budgets.current(),
      }).catch((err: unknown) => {
        this.options.onResponse?.(url.host, 'error');
        throw err;
      });
      this.options.onResponse?.(url.host, answer.status);
      if (!answer.location) return { status: answer.status, headers: answer.headers, body: answer.body, url: url.href };
      if (redirects >= MAX_REDIRECTS) throw new RegistryError('registry-error', `more than ${MAX_REDIRECTS} redirects from ${start.href}`, undefined, false);
      url = new URL(answer.location, url);
      // Credentials are for the origin they were sent to: another scheme, host or port goes without them.
      if (!keepsCredentials(start, url)) delete headers.authorization;
    }
  }
}
