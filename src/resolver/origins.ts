import { isIP } from 'node:net';

/** The port a URL really uses: its own, else its scheme's default. */
export function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/** `name` of a URL's host without IPv6 brackets, lower case. */
export function nameOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/** A host the operator named: `name`, `name:port`, `1.2.3.4:5000`, `[::1]:5000` or a bare `::1`. */
export interface HostPattern {
  name: string;
  /** Undefined: every port of the host. */
  port?: number;
}

/** Parses an operator's host entry; undefined when it is not a host. */
export function parseHostPattern(entry: string): HostPattern | undefined {
  const text = entry.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return { name: bracketed[1]!, ...(bracketed[2] ? { port: Number(bracketed[2]) } : {}) };
  if (isIP(text) === 6) return { name: text };
  const withPort = /^([^:/\s]+):(\d+)$/.exec(text);
  if (withPort) return { name: withPort[1]!, port: Number(withPort[2]) };
  return /^[^:/\s]+$/.test(text) ? { name: text } : undefined;
}

/** Whether a host pattern covers `name` on `port`. */
export function matchesHost(pattern: HostPattern, name: string, port: number): boolean {
  return pattern.name === name.replace(/^\[|\]$/g, '').toLowerCase() && (pattern.port === undefined || pattern.port === port);
}

const LOCAL = /^(localhost|127\.\d+\.\d+\.\d+|::1)$/;

/** Loopback names, which Docker (and imagepin) speak to over plain HTTP. */
export function isLocalName(name: string): boolean {
  return LOCAL.test(name.replace(/^\[|\]$/g, '').toLowerCase());
}

/** Whether a redirect from `from` to `to` may keep the Authorization header: only within one origin (scheme, host and port). */
export function keepsCredentials(from: URL, to: URL): boolean {
  return from.origin === to.origin;
}
