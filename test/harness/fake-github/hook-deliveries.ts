import { HttpError, type Route } from './http.js';
import { deliver } from './webhooks.js';

interface Attempt {
  id: number;
  guid: string;
  event: string;
  status_code: number;
  redelivery: boolean;
  delivered_at: string;
  payload: unknown;
  url: string;
}

/**
 * The App's webhook deliveries, as GitHub records them: every delivery a test sends through
 * `send` (and every redelivery) is an attempt with the status the app answered. The app lists them
 * (GET /app/hook/deliveries, newest first, cursor-paginated like GitHub) and asks for a redelivery
 * (POST /app/hook/deliveries/{id}/attempts: 202, sent in the background with the same GUID).
 */
export class HookDeliveries {
  readonly attempts: Attempt[] = [];
  private nextId = 1;

  constructor(private readonly secret: string) {}

  /** Sends one delivery to `url` and records the attempt. */
  async send(url: string, event: string, payload: unknown, guid: string, redelivery = false): Promise<number> {
    const { status } = await deliver(url, this.secret, event, payload, guid).catch(() => ({ status: 0 }));
    this.attempts.push({ id: this.nextId++, guid, event, status_code: status, redelivery, delivered_at: new Date().toISOString(), payload, url });
    return status;
  }

  routes(): Route[] {
    return [
      ['GET', /^\/app\/hook\/deliveries$/, (_p, _b, url) => {
        const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100);
        const cursor = Number(url.searchParams.get('cursor') ?? Infinity);
        const items = [...this.attempts].reverse().filter((a) => a.id < cursor).slice(0, perPage);
        const summary = items.map(({ payload: _payload, url: _url, ...a }) => ({ ...a, status: a.status_code >= 200 && a.status_code < 300 ? 'OK' : 'failed' }));
        const last = items.at(-1);
        const more = last && this.attempts.some((a) => a.id < last.id);
        return { items: summary, ...(more ? { __link: `<${url.origin}${url.pathname}?per_page=${perPage}&cursor=${last.id}>; rel="next"` } : {}) };
      }],
      ['POST', /^\/app\/hook\/deliveries\/(?<id>\d+)\/attempts$/, (p) => {
        const attempt = this.attempts.find((a) => a.id === Number(p.id));
        if (!attempt) throw new HttpError(404, 'Not Found');
        setImmediate(() => void this.send(attempt.url, attempt.event, attempt.payload, attempt.guid, true));
        return { __status: 202 };
      }],
    ];
  }
}
