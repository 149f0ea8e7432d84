import { join } from 'node:path';
import { cacheDir } from './cache-dir.js';

/** What Node >= 22.1 answers (module.enableCompileCache); Node 20 has no such function. */
export type Enable = (dir?: string) => { status?: number; directory?: string } | undefined;

/**
 * Turns on Node's module compile cache before the CLI's chunks are imported (decision 36):
 * V8 then reads compiled code back instead of parsing the bundle on every run. The cache lives
 * next to the registry cache (`$XDG_CACHE_HOME/imagepin/compile-cache`, decision 20), or where
 * NODE_COMPILE_CACHE says. IMAGEPIN_COMPILE_CACHE=0 or NODE_DISABLE_COMPILE_CACHE=1 turn it off.
 * Never throws: a folder that cannot be written (or an old Node) only costs the saving.
 * Returns the folder Node uses, or undefined when the cache is off.
 */
export function startCompileCache(env: NodeJS.ProcessEnv, enable: Enable | undefined): string | undefined {
  if (!enable || env.IMAGEPIN_COMPILE_CACHE === '0' || env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const home = cacheDir(env);
  const dir = env.NODE_COMPILE_CACHE || !home ? undefined : join(home, 'compile-cache');
  try {
    const result = enable(dir);
    return result?.directory;
  } catch {
    return undefined;
  }
}
