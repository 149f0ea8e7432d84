import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

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

/** Docker Hub's config keys (`https://index.docker.io/v1/`) name the host the client really talks to. */
function normaliseHost(key: string): string {
  const host = key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase();
  return host === 'index.docker.io' || host === 'docker.io' ? 'registry-1.docker.io' : host;
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
 * Registry credentials from the operator's environment, each scoped to exactly the host it was
 * written for: a credential is only ever sent to that host (see Authenticator for token realms).
 */
export class CredentialStore {
  private readonly byHost = new Map<string, Credential>();

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
      if (credential) store.byHost.set(normaliseHost(key), credential);
    }
    return store;
  }

  /** The credential for a host (`name:port` first, then `name`). */
  forHost(host: string): Credential | undefined {
    const lower = host.toLowerCase();
    return this.byHost.get(lower) ?? this.byHost.get(lower.replace(/:\d+$/, ''));
  }

  get size(): number {
    return this.byHost.size;
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
