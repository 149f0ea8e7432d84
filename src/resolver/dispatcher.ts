import { Agent, Pool, type Dispatcher } from 'undici';
import type { HostGuard } from './ssrf.js';

export interface DispatcherOptions {
  guard: HostGuard;
  /** Offer HTTP/2 (ALPN) to TLS registries; plain-HTTP ones stay on HTTP/1.1. Default off. */
  http2?: boolean;
  /** The most connections one origin is given (its host's request limit); unset, as many as requests in flight. */
  connections?: (origin: URL) => number;
}

/**
 * undici marks every HEAD request `connection: close` (against servers that wrongly send a HEAD
 * a body), so each manifest HEAD would open a new TCP and TLS connection. Registries answer HEAD
 * with headers only; `reset: false` keeps the connection for the next request. Should a server
 * send a body after all, undici's parser fails the request the stray bytes land on: an error
 * reported on that reference, never a wrong answer (decision 0029).
 */
const keepHeadConnections: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) =>
  dispatch(options.method === 'HEAD' && options.reset === undefined ? { ...options, reset: false } : options, handler);

/** One dispatcher per RegistryHttp: guarded connections, kept alive between requests, HTTP/2 when the operator turns it on. */
export function registryDispatcher(o: DispatcherOptions): Dispatcher {
  const http2 = o.http2 ?? false;
  const connections = o.connections;
  // A request sent as another's answer arrives finds that connection not yet free; with no cap the
  // pool opens one more (a TCP and TLS handshake) where waiting a moment would do: a 32-at-once
  // host ended up with 50 to 64 connections. Capped at the host's limit, the next request waits
  // for the connection that is about to free up.
  const factory = connections ? (origin: string | URL, options: Agent.Options) => new Pool(origin, { ...options, connections: connections(new URL(origin)) }) : undefined;
  return new Agent({ connect: o.guard.connector({ allowH2: http2 }), allowH2: http2, keepAliveTimeout: 10_000, ...(factory && { factory }) }).compose(keepHeadConnections);
}
