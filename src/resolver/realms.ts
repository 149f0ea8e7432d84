import { matchesHost, nameOf, parseHostPattern, portOf, type HostPattern } from './origins.js';

/** Token services that live on another origin than their registry by design. */
const BUILT_IN = ['registry-1.docker.io=https://auth.docker.io'];

interface Entry {
  registry: HostPattern;
  realm: string;
}

/**
 * Token realms allowed to receive a registry's credentials although they are on another origin:
 * `registry.example.com=https://auth.example.com` (operator setting IMAGEPIN_TOKEN_REALMS), plus
 * Docker Hub's auth.docker.io. A realm's scheme, host and port must all match the entry.
 */
export class RealmAllowList {
  private readonly entries: Entry[] = [];

  constructor(entries: string[] = []) {
    for (const entry of [...BUILT_IN, ...entries.flatMap((e) => e.split(',')).map((e) => e.trim()).filter(Boolean)]) {
      const eq = entry.indexOf('=');
      const registry = eq > 0 ? parseHostPattern(entry.slice(0, eq)) : undefined;
      let realm: URL | undefined;
      try {
        realm = new URL(entry.slice(eq + 1));
      } catch {
        realm = undefined;
      }
      if (!registry || !realm || !/^https?:$/.test(realm.protocol)) throw new Error(`token realm "${entry}" must look like registry.example.com[:port]=https://auth.example.com[:port]`);
      this.entries.push({ registry, realm: realm.origin });
    }
  }

  /** Whether the registry at `base` may send its credentials to the token realm `realm`. */
  allows(base: URL, realm: URL): boolean {
    if (realm.origin === base.origin) return true;
    return this.entries.some((e) => e.realm === realm.origin && matchesHost(e.registry, nameOf(base), portOf(base)));
  }
}
