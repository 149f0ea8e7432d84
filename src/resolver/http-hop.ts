import { fetch, type Dispatcher } from 'undici';
import type { RegistryBudget, Timers } from './budget.js';
import { seconds } from './budget.js';
import { RegistryError } from './errors.js';

/** One request, no redirects followed: what came back, with its body read under the size cap. */
export interface Hop {
  status: number;
  headers: Headers;
  location: string | null;
  body: Uint8Array;
}

export interface HopOptions {
  method: 'GET' | 'HEAD';
  headers: Record<string, string>;
  maxBytes: number;
  timeoutMs: number;
  timers: Timers;
  dispatcher: Dispatcher;
  budget?: RegistryBudget;
}

async function readCapped(response: Awaited<ReturnType<typeof fetch>>, max: number): Promise<Uint8Array> {
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
 * One request with its own timeout (headers and body together, so a registry that drips bytes
 * cannot hold it open), under the analysis's budget: the deadline or the endpoint's breaker abort
 * it at once. A timeout is reported to the budget, whose breaker may then open.
 */
export async function hop(url: URL, o: HopOptions): Promise<Hop> {
  const stopped = o.budget?.stopped(url.origin, url.host);
  if (stopped) throw stopped;
  const timer = new AbortController();
  const cancel = o.timers.after(o.timeoutMs, () => timer.abort());
  const signal = o.budget ? AbortSignal.any([timer.signal, o.budget.signal(url.origin)]) : timer.signal;
  try {
    const response = await fetch(url, { method: o.method, headers: o.headers, redirect: 'manual', signal, dispatcher: o.dispatcher });
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
    if (location || o.method === 'HEAD') await response.body?.cancel();
    const body = location || o.method === 'HEAD' ? new Uint8Array() : await readCapped(response, o.maxBytes);
    return { status: response.status, headers: response.headers as unknown as Headers, location, body };
  } catch (err) {
    const budgetStop = o.budget?.stopped(url.origin, url.host);
    if (budgetStop) throw budgetStop;
    if (timer.signal.aborted) throw o.budget?.timedOut(url.origin, url.host) ?? new RegistryError('timeout', `registry ${url.host} did not answer within ${seconds(o.timeoutMs)}`);
    throw err;
  } finally {
    cancel();
  }
}
