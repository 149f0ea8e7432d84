import { formatProblems, validateConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';

/**
 * The repository's policy from `.github/imagepin.yml` on the default branch (Probot's
 * context.config, which also merges the organisation defaults named by `_extends`, or the
 * organisation's `.github` repository's file when the repository has none). Problems never stop
 * the analysis: each bad key or value is dropped, the rest of the policy applies, and the
 * problems become a notice for the check and the comment that names the key, a guess and what
 * was used instead.
 */
export async function repositoryConfig(read: () => Promise<unknown>): Promise<{ config: Config; notices: string[] }> {
  let loaded;
  try {
    loaded = validateConfig(await read());
  } catch (err) {
    // Invalid YAML, or an `_extends` Probot cannot follow: nothing of the file is known.
    const message = `could not be read: ${(err as Error).message.split('\n')[0]}`;
    loaded = { ok: false as const, config: validateConfig(undefined).config, problems: [{ key: '.github/imagepin.yml', message, instead: 'the defaults were used' }] };
  }
  if (loaded.ok) return { config: loaded.config, notices: [] };
  const lines = formatProblems(loaded.problems).map((l) => `> - ${l}`);
  return { config: loaded.config, notices: ['> [!WARNING]', '> `.github/imagepin.yml` on the default branch (with the organisation defaults it extends, if any) has problems; the rest of it applies:', ...lines] };
}
