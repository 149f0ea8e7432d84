import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { FileCache } from '../resolver/file-cache.js';
import { DEFAULT_TAG_TTL_MS } from '../resolver/resolver.js';
import { cacheDir } from './cache-dir.js';


/** What decides which registry answers a run gets: answers given under other settings are kept apart. */
export interface CacheScope {
  endpoints: string[];
  allowHosts: string[];
  tokenRealms: string[];
  /** CredentialStore.fingerprint(): a digest, never the credentials. */
  credentials: string;
}


/**
 * The CLI's registry cache: one file per scope (endpoint overrides, allowed hosts, token realms
 * and credentials), so an answer that came through one mirror, or with one set of credentials, is
 * never reused under another. The TTLs are the app's: a tag's digest and a tag list for the tag
 * TTL; a HEAD by digest for the same time (the registry may prune it); a digest's platforms for good.
 */
export function registryCache(env: NodeJS.ProcessEnv, scope: CacheScope, now?: () => number): FileCache | undefined {
  const dir = cacheDir(env);
  if (!dir) return undefined;
  const id = createHash('sha256').update(JSON.stringify([[...scope.endpoints].sort(), [...scope.allowHosts].sort(), [...scope.tokenRealms].sort(), scope.credentials])).digest('hex').slice(0, 16);
  return new FileCache(join(dir, `registry-${id}.json`), { maxAgeMs: DEFAULT_TAG_TTL_MS, immutable: (key) => key.startsWith('platforms:'), now });
}
