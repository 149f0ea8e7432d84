import { parsePlain } from '../../yaml/plain-parse.js';
import type { DocContext } from '../types.js';

/** talhelper's plain environment file, read for `${VAR}` in talconfig.yaml (talenv.sops.yaml is encrypted and not read). */
export const TALENV_FILE = /(?:^|\/)talenv\.ya?ml$/;

/**
 * The variables of a talenv.yaml: its top-level scalars, as strings. Nothing for text that is not
 * a map, does not parse, or is SOPS-encrypted (a `sops` key, `ENC[...]` values). Never throws.
 */
export function readTalenv(text: string): Readonly<Record<string, string>> {
  let data: unknown;
  try {
    data = parsePlain(text, 100);
  } catch {
    return {};
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || 'sops' in data) return {};
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (['string', 'number', 'boolean'].includes(typeof value) && !String(value).startsWith('ENC[')) env[key] = String(value);
  }
  return env;
}

/**
 * A talconfig.yaml value with `${VAR}` / `$VAR` filled in from the talenv.yaml beside it, as
 * talhelper's genconfig does; a variable talenv.yaml does not set is left as written (and the
 * value stays templated). `from` names what was filled in, for the occurrence's notes.
 */
export function withTalenv(ctx: DocContext, written: string): { value: string; from?: string } {
  const env = ctx.talenv;
  if (!env || !written.includes('$')) return { value: written };
  const filled: string[] = [];
  const value = written.replace(/\$\{(\w+)\}|\$(\w+)/g, (match, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const found = Object.hasOwn(env, name) ? env[name] : undefined;
    if (found === undefined) return match;
    filled.push(`${match} is ${found}`);
    return found;
  });
  return filled.length ? { value, from: `${filled.join(', ')} in talenv.yaml` } : { value };
}
