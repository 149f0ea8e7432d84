import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { parsePlain } from './plain-parse.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'coverage', 'out']);

/** The value, or the error's class and message, of one way of parsing. */
function outcome(read: () => unknown): unknown {
  try {
    return { value: read() };
  } catch (err) {
    return { error: `${(err as Error).name}: ${(err as Error).message}` };
  }
}

function expectSame(text: string, maxAliasCount = 100): void {
  const ours = outcome(() => parsePlain(text, maxAliasCount));
  const yamls = outcome(() => parse(text, { maxAliasCount }));
  if (!isDeepStrictEqual(ours, yamls)) expect({ text, ours }).toEqual({ text, ours: yamls });
}

function yamlFiles(dir = ROOT, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (!SKIP_DIRS.has(name)) yamlFiles(full, found);
    } else if (/\.ya?ml$/i.test(name)) found.push(full);
  }
  return found;
}

test("parsePlain gives yaml's parse result, or its error, on every YAML file of the repository", () => {
  const files = yamlFiles();
  expect(files.length).toBeGreaterThan(100);
  for (const file of files) expectSame(readFileSync(file, 'utf8'));
});

test('repeated keys (the merge key too), several documents, aliases over the limit and empty text are what parse makes of them', () => {
  const texts = [
    'a: 1\na: 2\n',
    'base: &b\n  x: 1\nm:\n  <<: *b\n  <<: *b\n',
    'm: { a: 1, a: 2 }\n',
    'm: { "1": a }\nn:\n  1: b\n  "1": c\n',
    'k: .nan\nm:\n  .nan: 1\n  .NaN: 2\n',
    'a: 1\n---\nb: 2\n',
    '',
    '# only a comment\n',
    'x: &x [a, b]\ny: *x\nz: *x\n',
    'patches:\n  - "@./patches/a.yaml"\n  - op: add\n    path: /machine\n',
  ];
  for (const text of texts) expectSame(text);
  expectSame('x: &x [a, b]\ny: *x\nz: *x\nw: *x\n', 2);
});
