import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { plainDefaultConfig } from '../config/constants.js';
import type { Config } from '../config/schema.js';
import type { ResolverStack } from '../resolver/index.js';
import type { Io } from './main.js';

/** Options every command that talks to registries takes. */
export const REGISTRY_OPTIONS = {
  endpoint: { type: 'string' as const, multiple: true as const, default: [] as string[] },
  'allow-host': { type: 'string' as const, multiple: true as const, default: [] as string[] },
  config: { type: 'string' as const },
};

/**
 * The config file: --config, else PATH/.github/imagepin.yml when there is one. Problems are printed;
 * undefined means stop (exit 2). The validator (zod) is loaded only when there is a file to check.
 */
export async function readConfig(path: string, explicit: string | undefined, io: Io): Promise<Config | undefined> {
  const dir = existsSync(path) && statSync(path).isDirectory() ? path : '.';
  const file = explicit ?? join(dir, '.github', 'imagepin.yml');
  try {
    if (!explicit && !existsSync(file)) return plainDefaultConfig();
    const text = readFileSync(file, 'utf8');
    const { formatProblems, loadConfig } = await import('../config/load.js');
    const loaded = loadConfig(text, file);
    if (loaded.ok) return loaded.config;
    io.stderr(`imagepin: ${file} has problems:\n${formatProblems(loaded.problems).map((l) => `  ${l}`).join('\n')}\n`);
  } catch (err) {
    io.stderr(`imagepin: cannot read the config: ${(err as Error).message}\n`);
  }
  return undefined;
}

/** The resolver from flags and the environment (operator settings), with the config's tags and platforms. Loaded on first use: `--offline` never needs the HTTP stack. */
export async function resolverFor(values: { endpoint: string[]; 'allow-host': string[] }, env: NodeJS.ProcessEnv, config: Config, platforms = false): Promise<ResolverStack> {
  const [{ loadCredentials }, { createResolver, resolverConfigFromEnv }] = await Promise.all([import('../resolver/credentials.js'), import('../resolver/index.js')]);
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
