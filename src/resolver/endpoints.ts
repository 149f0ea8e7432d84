import { DOCKER_HUB } from '../model/reference.js';
import { portOf } from './origins.js';

/** Where the registry API of one registry name is reached. */
export interface Endpoint {
  registry: string;
  /** The API root, ending in `/v2` (or the operator's prefix): `https://registry-1.docker.io/v2`. */
  base: string;
  /** `host[:port]` of `base`: the only host that receives this endpoint's credentials. */
  host: string;
  /** Set by the operator rather than derived from a reference in the repository. */
  operator: boolean;
}

const LOCAL = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

/**
 * Maps registry names to API endpoints. Overrides come from the operator, like containerd's
 * hosts.toml with override_path: `quay.io=http://127.0.0.1:5000/v2/quay.io` sends
 * `quay.io/ceph/ceph` to `http://127.0.0.1:5000/v2/quay.io/ceph/ceph/manifests/...`.
 */
export class Endpoints {
  private readonly overrides = new Map<string, string>();

  constructor(overrides: Record<string, string> = {}) {
    for (const [registry, url] of Object.entries(overrides)) this.overrides.set(registry.toLowerCase(), url.replace(/\/+$/, ''));
  }

  /** Parses `host=url` entries (flags or a comma-separated environment variable); throws with the fix. */
  static parse(entries: string[]): Endpoints {
    const overrides: Record<string, string> = {};
    for (const entry of entries.flatMap((e) => e.split(',')).map((e) => e.trim()).filter(Boolean)) {
      const eq = entry.indexOf('=');
      const url = entry.slice(eq + 1);
      if (eq <= 0 || !/^https?:\/\/[^/]+/.test(url)) throw new Error(`endpoint override "${entry}" must look like registry=https://host[:port]/v2[/prefix]`);
      overrides[entry.slice(0, eq)] = url;
    }
    return new Endpoints(overrides);
  }

  for(registry: string): Endpoint {
    const override = this.overrides.get(registry.toLowerCase());
    if (override) return { registry, base: override, host: new URL(override).host, operator: true };
    if (registry === DOCKER_HUB) return { registry, base: 'https://registry-1.docker.io/v2', host: 'registry-1.docker.io', operator: false };
    const scheme = LOCAL.test(registry) ? 'http' : 'https';
    return { registry, base: `${scheme}://${registry}/v2`, host: registry, operator: false };
  }

  /** `host:port` of each operator endpoint, which the SSRF guard lets through (that port only). */
  operatorHosts(): string[] {
    return [...this.overrides.values()].map((url) => new URL(url)).map((url) => `${url.hostname}:${portOf(url)}`);
  }
}
