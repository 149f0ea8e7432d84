import { formatProblems, validateConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { ConfigProblem } from './config-files.js';

/** A failure to reach GitHub (an HTTP status, or a GraphQL error): never read as "no config". */
const unreadable = (err: unknown): boolean => typeof (err as { status?: unknown }).status === 'number' || (err as Error).name === 'GraphqlResponseError';

/**
 * The repository's policy from `.github/imagepin.yml` on the default branch (Probot's
 * context.config, which also merges the organisation defaults named by `_extends`, or the
 * organisation's `.github` repository's file when the repository has none). Problems never stop
 * the analysis: each bad key or value is dropped, the rest of the policy applies, and the
 * problems become a notice for the check and the comment that names the key, a guess and what
 * was used instead.
 * A config GitHub could not give (an outage, a refusal) is thrown: the analysis then cannot
 * finish, and fails closed.
 */
export async function repositoryConfig(read: () => Promise<unknown>): Promise<{ config: Config; notices: string[] }> {
  let loaded;
  try {
    loaded = validateConfig(await read());
  } catch (err) {
    if (unreadable(err)) throw err;
    // Invalid YAML, a folder, or an `_extends` that cannot be followed: nothing of the file is known.
    const problem = err instanceof ConfigProblem ? { key: err.file, message: err.detail } : { key: '.github/imagepin.yml', message: `could not be read: ${(err as Error).message.split('\n')[0]}` };
    loaded = { ok: false as const, config: validateConfig(undefined).config, problems: [{ ...problem, instead: 'the defaults were used' }] };
  }
  if (loaded.ok) return { config: loaded.config, notices: [] };
  const lines = formatProblems(loaded.problems).map((l) => `> - ${l}`);
  return { config: loaded.config, notices: ['> [!WARNING]', '> `.github/imagepin.yml` on the default branch (with the organisation defaults it extends, if any) has problems; the rest of it applies:', ...lines] };
}
