import { formatProblems, validateConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';

/**
 * The repository's policy from `.github/imagepin.yml` on the default branch (Probot's
 * context.config). Problems never stop the analysis: the defaults apply, and the problems become
 * a notice for the check and the comment that names the key and the fix.
 */
export async function repositoryConfig(read: () => Promise<unknown>): Promise<{ config: Config; notices: string[] }> {
  let loaded;
  try {
    loaded = validateConfig(await read());
  } catch (err) {
    loaded = { ok: false as const, config: validateConfig(undefined).config, problems: [{ key: '.github/imagepin.yml', message: `is not valid YAML: ${(err as Error).message.split('\n')[0]}` }] };
  }
  if (loaded.ok) return { config: loaded.config, notices: [] };
  const lines = formatProblems(loaded.problems).map((l) => `> - ${l}`);
  return { config: loaded.config, notices: ['> [!WARNING]', '> `.github/imagepin.yml` on the default branch has problems, so the defaults were used:', ...lines] };
}
