// Module hooks for record-loads.mjs: appends each resolved module URL to the log file.
import { appendFileSync } from 'node:fs';

let out;

/** Receives the log file from register(). */
export function initialize(data) {
  out = data.out;
}

/** Records the URL every import resolves to. */
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  appendFileSync(out, `${result.url}\n`);
  return result;
}
