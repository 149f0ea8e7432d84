import { parseHostPattern, portOf, type HostPattern } from './origins.js';

/** Requests per window: `20/s` is `{ points: 20, seconds: 1 }`, `600/m` is `{ points: 600, seconds: 60 }`. */
export interface Rate {
  points: number;
  seconds: number;
}

/** How hard imagepin may press one registry host: requests in flight at once, and optionally a rate. */
export interface HostLimit {
  concurrency: number;
  rate?: Rate;
}

/** The operator's limits: one for public registries, one for operator endpoints, and per-host overrides. */
export interface HostLimitSettings {
  /** Hosts derived from references in a repository (Docker Hub, ghcr.io, quay.io, ...). */
  public: HostLimit;
  /** Hosts of the operator's endpoint overrides (IMAGEPIN_ENDPOINTS, --endpoint): own mirrors. */
  operator: HostLimit;
  /** `host[:port]=...` entries; the first that matches wins over both defaults. */
  hosts: { pattern: HostPattern; limit: HostLimit }[];
}

export const DEFAULT_HOST_LIMITS: HostLimitSettings = { public: { concurrency: 8 }, operator: { concurrency: 32 }, hosts: [] };

/** The most requests in flight one host may be given; above it a typo (80000) is more likely than a plan. */
export const MAX_CONCURRENCY = 1024;

function concurrency(text: string, setting: string): number {
  const value = text.trim();
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_CONCURRENCY) {
    throw new Error(`${setting} must be a whole number of requests at once per host, from 1 to ${MAX_CONCURRENCY}, not "${text}"`);
  }
  return Number(value);
}

/** `20/s`, `600/m` or `off` (undefined); throws with the fix. */
export function parseRate(text: string, setting: string): Rate | undefined {
  const value = text.trim().toLowerCase();
  if (value === 'off') return undefined;
  const match = /^(\d+)\s*\/\s*(s|m)$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[1]) > 1_000_000) {
    throw new Error(`${setting} must be requests per second or minute such as 20/s or 600/m (at least 1), or off, not "${text}"`);
  }
  return { points: Number(match[1]), seconds: match[2] === 'm' ? 60 : 1 };
}

/** `host[:port]=CONCURRENCY[@RATE]` entries, comma-separated: `registry-1.docker.io=4@100/m,harbor.internal:8443=64`. */
function parseHosts(text: string): HostLimitSettings['hosts'] {
  const setting = 'IMAGEPIN_HOST_LIMITS';
  const entries = text.split(',').map((e) => e.trim()).filter(Boolean);
  return entries.map((entry) => {
    const eq = entry.indexOf('=');
    const pattern = eq > 0 ? parseHostPattern(entry.slice(0, eq)) : undefined;
    if (!pattern) throw new Error(`${setting} entry "${entry}" must look like host[:port]=CONCURRENCY or host[:port]=CONCURRENCY@RATE (e.g. ghcr.io=16, registry-1.docker.io=4@100/m)`);
    const [count, rate] = entry.slice(eq + 1).split('@');
    const limit: HostLimit = { concurrency: concurrency(count ?? '', `${setting} entry "${entry}": the concurrency`) };
    if (rate !== undefined) {
      const parsed = parseRate(rate, `${setting} entry "${entry}": the rate`);
      if (parsed) limit.rate = parsed;
    }
    return { pattern, limit };
  });
}

/**
 * Operator settings: `IMAGEPIN_REGISTRY_CONCURRENCY` (default 8) and `IMAGEPIN_REGISTRY_RATE`
 * (default off) for public registries, `IMAGEPIN_OPERATOR_CONCURRENCY` (default 32) and
 * `IMAGEPIN_OPERATOR_RATE` for the hosts of the operator's endpoint overrides, and
 * `IMAGEPIN_HOST_LIMITS` per host. A bad value throws with the setting's name and the fix.
 */
export function hostLimitsFromEnv(env: NodeJS.ProcessEnv): HostLimitSettings {
  const limit = (countName: string, rateName: string, fallback: HostLimit): HostLimit => {
    const count = env[countName] ? concurrency(env[countName], countName) : fallback.concurrency;
    const rate = env[rateName] ? parseRate(env[rateName], rateName) : fallback.rate;
    return rate ? { concurrency: count, rate } : { concurrency: count };
  };
  return {
    public: limit('IMAGEPIN_REGISTRY_CONCURRENCY', 'IMAGEPIN_REGISTRY_RATE', DEFAULT_HOST_LIMITS.public),
    operator: limit('IMAGEPIN_OPERATOR_CONCURRENCY', 'IMAGEPIN_OPERATOR_RATE', DEFAULT_HOST_LIMITS.operator),
    hosts: parseHosts(env.IMAGEPIN_HOST_LIMITS ?? ''),
  };
}

/** The limit of one request's host: an override, else the operator or the public default. */
export class HostLimits {
  private readonly operator: Set<string>;

  /** `operatorHosts` are `name:port`, as `Endpoints.operatorHosts()` gives them. */
  constructor(private readonly settings: HostLimitSettings, operatorHosts: string[]) {
    this.operator = new Set(operatorHosts.map((h) => h.toLowerCase()));
  }

  /** `key` is `name:port` (the port always written), so `ghcr.io` and `ghcr.io:443` share one limit. */
  for(url: URL): HostLimit & { key: string } {
    const name = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const port = portOf(url);
    const key = `${url.hostname.toLowerCase()}:${port}`;
    const override = this.settings.hosts.find((h) => h.pattern.name === name && (h.pattern.port === undefined || h.pattern.port === port));
    if (override) return { key, ...override.limit };
    return { key, ...(this.operator.has(key) ? this.settings.operator : this.settings.public) };
  }
}
