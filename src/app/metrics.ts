import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The part of Octokit's request hooks the metrics use. */
export interface HookedOctokit {
  hook: {
    after(name: 'request', fn: (response: { status: number; headers: Record<string, unknown> }, options: { method: string; url: string }) => void): void;
    error(name: 'request', fn: (error: unknown, options: { method: string; url: string }) => never): void;
  };
}

/** Queue depth as the queue reports it, read when Prometheus scrapes. */
export type DepthReader = () => Promise<{ waiting: number; active: number; retrying: number; oldestMs: number }>;

/**
 * The app's Prometheus metrics, one registry per app instance (never prom-client's global one,
 * so two apps in one process, as in tests, do not collide).
 */
export class AppMetrics {
  readonly registry = new Registry();
  readonly jobs = new Histogram({ name: 'imagepin_job_duration_seconds', help: 'Job durations by kind and outcome', labelNames: ['kind', 'outcome'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120], registers: [this.registry] });
  readonly github = new Counter({ name: 'imagepin_github_requests_total', help: 'GitHub API calls by method and status', labelNames: ['method', 'status'], registers: [this.registry] });
  readonly githubRemaining = new Gauge({ name: 'imagepin_github_ratelimit_remaining', help: 'The last x-ratelimit-remaining GitHub reported, per installation', labelNames: ['installation'], registers: [this.registry] });
  readonly findings = new Counter({ name: 'imagepin_findings_total', help: 'Findings a check run annotated, by rule', labelNames: ['rule'], registers: [this.registry] });
  readonly sweeps = new Counter({ name: 'imagepin_sweep_runs_total', help: 'Deployment sweep rounds started', registers: [this.registry] });
  readonly registryRequests = new Counter({ name: 'imagepin_registry_requests_total', help: 'Registry HTTP requests (each redirect hop) by host and status; status "error" when no answer came', labelNames: ['host', 'status'], registers: [this.registry] });
  readonly webhooks = new Counter({ name: 'imagepin_webhooks_refused_total', help: 'Webhooks answered 503 because their job could not be stored', registers: [this.registry] });

  constructor(depth?: DepthReader) {
    collectDefaultMetrics({ register: this.registry, prefix: 'imagepin_' });
    const depthGauge = new Gauge({ name: 'imagepin_queue_jobs', help: 'Jobs in the queue by state', labelNames: ['state'], registers: [this.registry], collect: async () => {
      if (!depth) return;
      const d = await depth().catch(() => undefined);
      if (!d) return;
      depthGauge.set({ state: 'waiting' }, d.waiting);
      depthGauge.set({ state: 'active' }, d.active);
      depthGauge.set({ state: 'retrying' }, d.retrying);
      ageGauge.set(d.oldestMs / 1000);
    } });
    const ageGauge = new Gauge({ name: 'imagepin_queue_oldest_waiting_seconds', help: 'Age of the oldest waiting job', registers: [this.registry] });
  }

  /** Counts a job's GitHub calls, the rate limit left, and the findings its check runs annotate (by rule). */
  instrument(octokit: HookedOctokit, installation: number): void {
    const count = (method: string, status: number | string, headers?: Record<string, unknown>) => {
      this.github.inc({ method, status: String(status) });
      const remaining = Number(headers?.['x-ratelimit-remaining']);
      if (Number.isFinite(remaining)) this.githubRemaining.set({ installation: String(installation) }, remaining);
    };
    octokit.hook.after('request', (response, options) => {
      count(options.method, response.status, response.headers);
      const output = (options as { output?: { annotations?: { title?: string }[] } }).output;
      if (options.method === 'PATCH' && /check-runs/.test(options.url)) for (const a of output?.annotations ?? []) this.findings.inc({ rule: a.title ?? 'unknown' });
    });
    octokit.hook.error('request', (error, options) => {
      count(options.method, (error as { status?: number }).status ?? 'error');
      throw error;
    });
  }

  /** Serves /metrics on its own port (not the webhook's), so it is not exposed with it. */
  async listen(port: number, host = '0.0.0.0'): Promise<Server> {
    const server = createServer((req, res) => {
      if (req.url !== '/metrics') return void res.writeHead(404).end();
      this.registry.metrics().then((text) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(text), (err: Error) => res.writeHead(500).end(err.message));
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
    return server;
  }
}
