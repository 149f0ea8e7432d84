import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isLocalName, matchesHost, nameOf, parseHostPattern, portOf, type HostPattern } from './origins.js';

/** A registry login, in the forms Docker's config.json holds. */
export interface Credential {
  username: string;
  password: string;
}

interface DockerAuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

/** Where a credential may go: a scheme (or https, and http for loopback names) and a host pattern. */
interface Scope {
  scheme?: 'http:' | 'https:';
  host: HostPattern;
}

/** Docker Hub's config keys (`https://index.docker.io/v1/`) name the host the client really talks to. */
function scopeOf(key: string): Scope | undefined {
  const scheme = /^(https?):\/\//i.exec(key)?.[1]?.toLowerCase();
  const hostPart = key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
  const host = parseHostPattern(hostPart === 'index.docker.io' || hostPart === 'docker.io' ? 'registry-1.docker.io' : hostPart);
  if (!host) return undefined;
  return scheme ? { scheme: `${scheme}:` as Scope['scheme'], host } : { host };
}

/** A key without a port is for the scheme's default port; one without a scheme is for https (http too for loopback). */
function covers(scope: Scope, url: URL): boolean {
  const scheme = url.protocol;
  if (scope.scheme ? scope.scheme !== scheme : scheme !== 'https:' && !(scheme === 'http:' && isLocalName(scope.host.name))) return false;
  const defaultPort = scheme === 'https:' ? 443 : 80;
  return matchesHost({ name: scope.host.name, port: scope.host.port ?? defaultPort }, nameOf(url), portOf(url));
}

function decode(entry: DockerAuthEntry): Credential | undefined {
  if (entry.username && entry.password) return { username: entry.username, password: entry.password };
  if (entry.auth) {
    const text = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon > 0) return { username: text.slice(0, colon), password: text.slice(colon + 1) };
  }
  if (entry.identitytoken) return { username: '<token>', password: entry.identitytoken };
  return undefined;
}

/**
 * Registry credentials from the operator's environment, each scoped to exactly the origin it was
 * written for (scheme, host and port): a credential configured for https never goes over plain
 * http, nor to another port of the same host (see Authenticator for token realms).
 */
export class CredentialStore {
  private readonly entries: { scope: Scope; credential: Credential }[] = [];

  /** A one-way digest of the credentials (for cache file names: answers given to one set of credentials are not reused under another). */
  fingerprint(): string {
    return createHash('sha256').update(JSON.stringify(this.entries)).digest('hex');
  }

  /** Parses Docker config.json text; throws a message that says what is wrong with it. */
  static fromDockerConfig(json: string, source = 'Docker config'): CredentialStore {
    const store = new CredentialStore();
    let data: { auths?: Record<string, DockerAuthEntry> };
    try {
      data = JSON.parse(json) as typeof data;
    } catch (err) {
      throw new Error(`${source} is not valid JSON: ${(err as Error).message}`, { cause: err });
    }
    for (const [key, entry] of Object.entries(data.auths ?? {})) {
      const credential = decode(entry ?? {});
      const scope = scopeOf(key);
      if (credential && scope) store.entries.push({ scope, credential });
    }
    return store;
  }

  /** The credential for exactly this origin (`https://harbor.example.com:8443`), if one was configured. */
  forOrigin(url: string | URL): Credential | undefined {
    const target = new URL(url);
    return this.entries.find((e) => covers(e.scope, target))?.credential;
  }

  get size(): number {
    return this.entries.length;
  }
}

/**
 * Loads credentials: `IMAGEPIN_DOCKER_CONFIG_JSON` (the file's content), else `$DOCKER_CONFIG/config.json`,
 * else `~/.docker/config.json`. A missing file means anonymous access; an unreadable one is an error.
 */
export function loadCredentials(env: NodeJS.ProcessEnv = process.env): CredentialStore {
  if (env.IMAGEPIN_DOCKER_CONFIG_JSON) return CredentialStore.fromDockerConfig(env.IMAGEPIN_DOCKER_CONFIG_JSON, 'IMAGEPIN_DOCKER_CONFIG_JSON');
  const path = join(env.DOCKER_CONFIG ?? join(homedir(), '.docker'), 'config.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return new CredentialStore();
  }
  return CredentialStore.fromDockerConfig(text, path);
}
