// Lets a child process run the app's TypeScript sources as they are (as Jest does, through SWC),
// so the fleet tests can SIGKILL a replica without building dist/ first.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import { transform } from '@swc/core';

export async function resolve(specifier, context, next) {
  if (specifier.endsWith('.js') && (specifier.startsWith('.') || specifier.startsWith('file:')) && context.parentURL) {
    const ts = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (existsSync(fileURLToPath(ts))) return { url: ts.href, shortCircuit: true, format: 'module' };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const source = await readFile(fileURLToPath(url), 'utf8');
  // Three replicas start at once on a small machine: each file is transformed once, then read back.
  const dir = join(tmpdir(), 'imagepin-swc-cache');
  const cached = join(dir, `${createHash('sha1').update(url).update(source).digest('hex')}.js`);
  if (existsSync(cached)) return { format: 'module', source: await readFile(cached, 'utf8'), shortCircuit: true };
  const { code } = await transform(source, { filename: fileURLToPath(url), jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'es6' } });
  mkdirSync(dir, { recursive: true });
  // Written aside and renamed into place: a replica starting at the same moment must never read a
  // half-written module (it then lacks exports, and the replica dies before it is ready).
  const partial = `${cached}.${randomUUID()}.partial`;
  await writeFile(partial, code);
  await rename(partial, cached);
  return { format: 'module', source: code, shortCircuit: true };
}
