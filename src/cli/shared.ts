import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { plainDefaultConfig } from '../config/constants.js';
import type { Config } from '../config/schema.js';
import type * as ResolverIndex from '../resolver/index.js';
import type { ResolverStack } from '../resolver/index.js';
import type { Io } from './main.js';
import { terminalSafe } from '../reporters/terminal-safe.js';
import { UsageError } from './usage.js';

/** Options every command that talks to registries takes. */
export const REGISTRY_OPTIONS = {
  endpoint: { type: 'string' as const, multiple: true as const, default: [] as string[] },
  'allow-host': { type: 'string' as const, multiple: true as const, default: [] as string[] },
  'token-realm': { type: 'string' as const, multiple: true as const, default: [] as string[] },
  deadline: { type: 'string' as const },
  'registry-timeout': { type: 'string' as const },
  'breaker-after': { type: 'string' as const },
  config: { type: 'string' as const },
  cache: { type: 'boolean' as const, default: true },
};

type RegistryFlags = { endpoint: string[]; 'allow-host': string[]; 'token-realm': string[]; deadline?: string; 'registry-timeout'?: string; 'breaker-after'?: string; cache?: boolean };

/** The resolver's limits from the environment, then the flags (which win); a bad value is a usage error that names it. */
function limits(values: RegistryFlags, env: NodeJS.ProcessEnv, resolverConfigFromEnv: typeof ResolverIndex.resolverConfigFromEnv): ReturnType<typeof ResolverIndex.resolverConfigFromEnv> {
  const flagged = { ...env };
  if (values.deadline !== undefined) flagged.IMAGEPIN_DEADLINE = values.deadline;
  if (values['registry-timeout'] !== undefined) flagged.IMAGEPIN_REGISTRY_TIMEOUT = values['registry-timeout'];
  if (values['breaker-after'] !== undefined) flagged.IMAGEPIN_BREAKER_AFTER = values['breaker-after'];
  try {
    return resolverConfigFromEnv(flagged);
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/IMAGEPIN_(DEADLINE|REGISTRY_TIMEOUT|BREAKER_AFTER)/, (_m, name: string) => `--${name.toLowerCase().replace('_', '-')} (or IMAGEPIN_${name})`));
  }
}

/**
 * The config file: --config, else PATH/.github/imagepin.yml when there is one. A bad key or value
 * is printed with its line and a guess, and the rest of the file applies; a file that cannot be
 * read or parsed stops the run (undefined: exit 2). The validator (zod) is loaded only when there is a file to check.
 */
export async function readConfig(path: string, explicit: string | undefined, io: Io): Promise<Config | undefined> {
  const dir = existsSync(path) && statSync(path).isDirectory() ? path : '.';
  const file = explicit ?? join(dir, '.github', 'imagepin.yml');
  try {
    if (!explicit && !existsSync(file)) return plainDefaultConfig();
    const text = readFileSync(file, 'utf8');
    const { formatProblems, loadConfig } = await import('../config/load.js');
    const loaded = loadConfig(text, file);
    if (!loaded.ok) {
      const lines = formatProblems(loaded.problems).map((l) => `  ${terminalSafe(l)}`).join('\n');
      io.stderr(`imagepin: ${file} has problems${loaded.unusable ? '' : '; the rest of it applies'}:\n${lines}\n`);
      if (loaded.unusable) return undefined;
    }
    // Probot follows `_extends` for the App; the CLI has no GitHub access, so it says what it left out.
    if (loaded.config._extends !== undefined) {
      io.stderr(`imagepin: ${file} extends ${JSON.stringify(loaded.config._extends)} (_extends): the CLI does not follow it, so only this file's settings and the defaults apply (the App merges the extended file).\n`);
    }
    return loaded.config;
  } catch (err) {
    io.stderr(`imagepin: cannot read the config: ${(err as Error).message}\n`);
  }
  return undefined;
}

/**
 * The resolver from flags and the environment (operator settings), with the config's tags and platforms. Loaded on first use: `--offline` never needs the HTTP stack.
 * Registry answers are kept on disk between runs (see registry-cache.ts) unless `--no-cache`; a cache that cannot be written is a warning on stderr.
 */
export async function resolverFor(values: RegistryFlags, env: NodeJS.ProcessEnv, config: Config, io: Pick<Io, 'stderr'>, platforms = false): Promise<ResolverStack> {
  const [{ loadCredentials }, resolverIndex] = await Promise.all([import('../resolver/credentials.js'), import('../resolver/index.js')]);
  // After the resolver: both load resolver.js, and Jest's ESM loader fails on a module imported twice at once.
  const { registryCache } = await import('./registry-cache.js');
  const fromEnv = limits(values, env, resolverIndex.resolverConfigFromEnv);
  const credentials = loadCredentials(env);
  const settings = {
    endpoints: [...(fromEnv.endpoints ?? []), ...values.endpoint],
    allowHosts: [...(fromEnv.allowHosts ?? []), ...values['allow-host']],
    tokenRealms: [...(fromEnv.tokenRealms ?? []), ...values['token-realm']],
  };
  const cache = values.cache === false ? undefined : registryCache(env, { ...settings, credentials: credentials.fingerprint() });
  let stack: ResolverStack;
  try {
    stack = resolverIndex.createResolver({ ...settings, http: fromEnv.http, credentials, cache, resolver: { platforms: platforms || config.platforms.length > 0, extraFloatingTags: config.floatingTags } });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (!cache) return stack;
  const close = stack.close;
  return {
    ...stack,
    close: async () => {
      try {
        cache.flush();
      } catch (err) {
        io.stderr(`imagepin: could not save the registry cache ${cache.file}: ${(err as Error).message}; the next run asks the registries again\n`);
      }
      await close();
    },
  };
}

/** Refuses paths that do not exist, with the message `imagepin` always gives. */
export function requirePaths(paths: (string | undefined)[], io: Io): boolean {
  for (const dir of paths) {
    if (dir !== undefined && !existsSync(dir)) {
      io.stderr(`imagepin: cannot read ${dir}: no such file or directory\n`);
      return false;
    }
  }
  return true;
}
