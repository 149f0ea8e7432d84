import { join } from 'node:path';

/** `$XDG_CACHE_HOME/imagepin`, else `~/.cache/imagepin`; undefined when the environment names neither. */
export function cacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'imagepin');
  if (env.HOME) return join(env.HOME, '.cache', 'imagepin');
  return undefined;
}
