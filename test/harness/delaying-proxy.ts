import { TestServer } from './http-server.js';

export interface ProxyOptions {
  /** The first request on a new connection waits one more `delayMs`: the TCP handshake of a distant registry (TLS not modelled). */
  connectionRtt?: boolean;
  /** Told of each new client connection. */
  onConnection?: () => void;
}

/** Forwards every request to `upstream` after `delayMs`, as a distant registry would answer; `onAnswer` sees each request's start and end (performance.now()). */
export function delayingProxy(upstream: string, delayMs: number, onAnswer?: (start: number, end: number) => void, o: ProxyOptions = {}): TestServer {
  const seen = new WeakSet<object>();
  return new TestServer(async (req, res) => {
    const start = performance.now();
    const fresh = !seen.has(req.socket);
    seen.add(req.socket);
    if (fresh) o.onConnection?.();
    await new Promise((resolve) => setTimeout(resolve, fresh && o.connectionRtt ? 2 * delayMs : delayMs));
    const headers: Record<string, string> = {};
    for (const key of ['accept', 'authorization', 'content-type']) {
      const value = req.headers[key];
      if (typeof value === 'string') headers[key] = value;
    }
    const response = await fetch(new URL(req.url ?? '/', upstream), { method: req.method, headers, redirect: 'manual' });
    const out: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      // Hop-by-hop headers are the upstream connection's own (the registry closes after each HEAD it is sent).
      if (!['content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(key)) out[key] = value;
    });
    res.writeHead(response.status, out);
    res.end(req.method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()));
    onAnswer?.(start, performance.now());
  });
}
