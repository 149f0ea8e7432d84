import type { ServerResponse } from 'node:http';
import { TestServer } from './http-server.js';

/**
 * A loopback HTTP server that answers manifest requests and counts those it holds unanswered at
 * once (`maxInFlight`). It holds each request until `hold` are waiting, then answers the oldest,
 * so a limiter that lets more than `hold` through shows it; once `total` have arrived it answers
 * all. Requests for the repository `stuck` are never answered (their client is to be killed).
 * Nothing depends on timing.
 */
export class CountingServer {
  readonly server: TestServer;
  inFlight = 0;
  maxInFlight = 0;
  arrived = 0;
  private held: ServerResponse[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];

  constructor(private readonly hold: number, private total: number) {
    this.server = new TestServer((req, res) => {
      this.inFlight++;
      this.arrived++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      let open = true;
      res.once('close', () => open && (this.inFlight--, (open = false)));
      // Counted out when answered, before the client can see the answer and send its next request.
      const answer = (): void => {
        if (open) this.inFlight--;
        open = false;
        res.writeHead(200, { 'docker-content-digest': `sha256:${'a'.repeat(64)}`, 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end();
      };
      for (const w of this.waiters.filter((w) => this.arrived >= w.count)) w.resolve();
      if ((req.url ?? '').includes('/stuck/')) return;
      this.held.push(Object.assign(res, { answer }));
      if (this.arrived >= this.total) for (const r of this.held.splice(0)) (r as ServerResponse & { answer: () => void }).answer();
      else if (this.held.length >= this.hold) (this.held.shift() as ServerResponse & { answer: () => void }).answer();
    });
  }

  /** Expect `total` more requests (the counts of arrivals and the maximum start again). */
  reset(total: number): void {
    this.total = total;
    this.arrived = 0;
    this.maxInFlight = this.inFlight;
  }

  /** Resolves when `count` requests have arrived since the last reset. */
  arrivals(count: number): Promise<void> {
    return this.arrived >= count ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  get url(): string {
    return this.server.url;
  }

  get host(): string {
    return this.server.host;
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}
