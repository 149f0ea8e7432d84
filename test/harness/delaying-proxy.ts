import type { IncomingMessage } from 'node:http';
import { TestServer } from './http-server.js';

/** One upstream answer as the proxy passed it on. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body?: Buffer;
}

/**
 * Answers the proxy keeps, by method, URL and the headers it forwards. `replay` off: every request
 * goes upstream and its answer is kept. `replay` on: a kept answer is sent from memory after the
 * delay, with no upstream request (a distant registry that is itself fast); one not kept still
 * goes upstream and counts as a miss.
 */
export interface Recording {
  answers: Map<string, Answer>;
  replay: boolean;
  misses: number;
}

export interface ProxyOptions {
  /** The first request on a new connection waits one more `delayMs`: the TCP handshake of a distant registry (TLS not modelled). */
  connectionRtt?: boolean;
  /** Told of each new client connection. */
  onConnection?: () => void;
  recording?: Recording;
}

/** Start, end (performance.now()) and the part of it spent upstream (0 when answered from memory). */
export type OnAnswer = (start: number, end: number, upstreamMs: number) => void;

const FORWARDED = ['accept', 'authorization', 'content-type'];

export function emptyRecording(): Recording {
  return { answers: new Map(), replay: false, misses: 0 };
}

async function forward(upstream: string, req: IncomingMessage, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(new URL(req.url ?? '/', upstream), { method: req.method, headers, redirect: 'manual' });
  const out: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    // Hop-by-hop headers are the upstream connection's own (the registry closes after each HEAD it is sent).
    if (!['content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(key)) out[key] = value;
  });
  return { status: response.status, headers: out, ...(req.method === 'HEAD' ? {} : { body: Buffer.from(await response.arrayBuffer()) }) };
}

/** Forwards every request to `upstream` after `delayMs`, as a distant registry would answer; `onAnswer` sees each request's timing. */
export function delayingProxy(upstream: string, delayMs: number, onAnswer?: OnAnswer, o: ProxyOptions = {}): TestServer {
  const seen = new WeakSet<object>();
  return new TestServer(async (req, res) => {
    const start = performance.now();
    const fresh = !seen.has(req.socket);
    seen.add(req.socket);
    if (fresh) o.onConnection?.();
    await new Promise((resolve) => setTimeout(resolve, fresh && o.connectionRtt ? 2 * delayMs : delayMs));
    const headers: Record<string, string> = {};
    for (const key of FORWARDED) {
      const value = req.headers[key];
      if (typeof value === 'string') headers[key] = value;
    }
    const key = [req.method, req.url, ...FORWARDED.map((h) => headers[h] ?? '')].join('\n');
    const rec = o.recording;
    const kept = rec?.replay ? rec.answers.get(key) : undefined;
    if (rec?.replay && !kept) rec.misses++;
    const upstreamStart = performance.now();
    const answer = kept ?? (await forward(upstream, req, headers));
    const upstreamMs = kept ? 0 : performance.now() - upstreamStart;
    if (rec && !rec.replay) rec.answers.set(key, answer);
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
    onAnswer?.(start, performance.now(), upstreamMs);
  });
}
