import type { Redis } from 'ioredis';

interface Delivery {
  id: number;
  guid: string;
  status_code: number;
  delivered_at: string;
}

/** The App-authenticated client calls this needs. */
export interface AppClient {
  paginate: { iterator(route: string, params: Record<string, unknown>): AsyncIterable<{ data: unknown }> };
  request(route: string, params: Record<string, unknown>): Promise<unknown>;
}

/**
 * After an outage, asks GitHub to redeliver the webhooks that failed within `windowMs` and never
 * succeeded (GitHub does not redeliver on its own), as GitHub's docs recommend: GET
 * /app/hook/deliveries, then POST /app/hook/deliveries/{id}/attempts for the newest failed attempt
 * of each GUID. A redelivery keeps its GUID, so the delivery log still runs each one once.
 * Returns how many were asked for.
 */
export async function redeliverFailed(octokit: AppClient, now: number, windowMs: number): Promise<number> {
  const succeeded = new Set<string>();
  const failed = new Map<string, number>();
  outer: for await (const { data } of octokit.paginate.iterator('GET /app/hook/deliveries', { per_page: 100 })) {
    for (const d of data as Delivery[]) {
      // Newest first: past the window, the rest is older still.
      if (Date.parse(d.delivered_at) < now - windowMs) break outer;
      if (d.status_code >= 200 && d.status_code < 300) succeeded.add(d.guid);
      else if (!failed.has(d.guid)) failed.set(d.guid, d.id);
    }
  }
  let asked = 0;
  for (const [guid, id] of failed) {
    if (succeeded.has(guid)) continue;
    await octokit.request('POST /app/hook/deliveries/{delivery_id}/attempts', { delivery_id: id });
    asked++;
  }
  return asked;
}

/**
 * One replica of the fleet at a time (SET NX PX): every replica sees Redis come back, one asks
 * while the others skip. A replica that comes back later asks again; a delivery GitHub sends twice
 * is still run once (the delivery log).
 */
export async function redeliverOnce(redis: Redis, prefix: string, run: () => Promise<number>, lockMs = 30_000): Promise<number | undefined> {
  const key = `${prefix}:redeliver`;
  if ((await redis.set(key, '1', 'PX', lockMs, 'NX')) !== 'OK') return undefined;
  try {
    return await run();
  } finally {
    await redis.del(key).catch(() => undefined);
  }
}
