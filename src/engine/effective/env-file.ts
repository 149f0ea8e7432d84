import type { Located } from '../../model/layers.js';

/** A kustomize env file's keys (`KEY=VALUE` lines), or why kustomize cannot build it; `fromEnvironment` keys take their value from kustomize's own environment. */
export type EnvFile = { keys: Record<string, Located>; fromEnvironment: Set<string> } | { error: string };

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * An env file as kustomize reads it (api/kv `KeyValuesFromLines`): a byte order mark on the first
 * line and leading white space dropped, blank lines and `#` lines skipped, the key up to the first
 * `=` and the value after it as written (quotes kept); a line without `=` takes its value from the
 * environment kustomize runs in. A key that is not an environment variable name fails the build.
 */
export function parseEnvFile(text: string): EnvFile {
  const keys: Record<string, Located> = {};
  const fromEnvironment = new Set<string>();
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = (i === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '').replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (!ENV_NAME.test(key)) return { error: `line ${i + 1}: ${JSON.stringify(key.slice(0, 40))} is not an environment variable name, so kustomize fails to build it` };
    if (eq < 0) fromEnvironment.add(key);
    else keys[key] = { value: line.slice(eq + 1), line: i + 1, path: [key] };
  }
  return { keys, fromEnvironment };
}
