import { transformFileSync } from '@swc/core';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The CLI as a real program for tests that need a process of its own (another uid, a closed pipe):
 * src/ transpiled by SWC (as jest does) into a world-readable temporary folder, in well under a
 * second instead of a full tsc build. Call `remove()` when done.
 */
export function buildCli(): { entry: string; remove: () => void } {
  const out = mkdtempSync(join(tmpdir(), 'imagepin-cli-'));
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const target = join(out, relative(ROOT, full)).replace(/\.ts$/, '.js');
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, transformFileSync(full, { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'es6' } }).code);
      }
    }
  };
  walk(join(ROOT, 'src'));
  writeFileSync(join(out, 'package.json'), '{"type":"module"}\n');
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'));
  // Other uids (setpriv tests) must be able to read and run it.
  const open = (dir: string): void => {
    chmodSync(dir, 0o755);
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) open(join(dir, entry.name));
  };
  open(out);
  return { entry: join(out, 'src', 'cli', 'index.js'), remove: () => rmSync(out, { recursive: true, force: true }) };
}
