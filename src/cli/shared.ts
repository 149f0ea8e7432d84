import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblems, loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { loadCredentials } from '../resolver/credentials.js';
import { createResolver, resolverConfigFromEnv, type ResolverStack } from '../resolver/index.js';
import type { Io } from './main.js';

/** Options every command that talks to registries takes. */
export const REGISTRY_OPTIONS = {
  endpoint: { type: 'string' as const, multiple: true as const, default: [] as string[] },
  'allow-host': { type: 'string' as const, multiple: true as const, default: [] as string[] },
  config: { type: 'string' as const },
};

/** The config file: --config, else PATH/.github/imagepin.yml when there is one. Problems are printed; undefined means stop (exit 2). */
export function readConfig(path: string, explicit: string | undefined, io: Io): Config | undefined {
  const dir = existsSync(path) && statSync(path).isDirectory() ? path : '.';
  const file = explicit ?? join(dir, '.github', 'imagepin.yml');
  try {
    const text = !explicit && !existsSync(file) ? undefined : readFileSync(file, 'utf8');
    const loaded = loadConfig(text, file);
    if (loaded.ok) return loaded.config;
    io.stderr(`imagepin: ${file} has problems:\n${formatProblems(loaded.problems).map((l) => `  ${l}`).join('\n')}\n`);
  } catch (err) {
    io.stderr(`imagepin: cannot read the config: ${(err as Error).message}\n`);
  }
  return undefined;
}

/** The resolver from flags and the environment (operator settings), with the config's tags and platforms. */
export function resolverFor(values: { endpoint: string[]; 'allow-host': string[] }, env: NodeJS.ProcessEnv, config: Config, platforms = false): ResolverStack {
  const fromEnv = resolverConfigFromEnv(env);
  return createResolver({
    endpoints: [...(fromEnv.endpoints ?? []), ...values.endpoint],
    allowHosts: [...(fromEnv.allowHosts ?? []), ...values['allow-host']],
    credentials: loadCredentials(env),
    resolver: { platforms: platforms || config.platforms.length > 0, extraFloatingTags: config.floatingTags },
  });
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
