// Startup (issue 17): `scan --offline` must not load the libraries only other paths need. The CLI
// is compiled with SWC into a temporary folder and run as a real process with a module hook that
// records every file loaded, ES module or CommonJS (test/helpers/record-loads.mjs).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFileSync } from '@swc/core';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const hook = join(repo, 'test', 'helpers', 'record-loads.mjs');
const HEAVY = ['undici', 'zod', 'diff', 'tar-stream', 'probot', 'yocto-spinner'];
let work: string;

function compile(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) compile(source, join(to, entry.name));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      const out = join(to, entry.name.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, transformFileSync(source, { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'es6' } }).code);
    }
  }
}

/** Runs the compiled CLI on `tree` and returns its output and the npm packages it loaded. */
function scan(tree: string, args: string[]): { stdout: string; packages: Set<string> } {
  const log = join(work, `loads-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, '');
  const stdout = execFileSync(process.execPath, ['--import', hook, join(work, 'src', 'cli', 'index.js'), 'scan', tree, ...args], {
    encoding: 'utf8',
    env: { ...process.env, IMAGEPIN_LOAD_LOG: log, NODE_OPTIONS: '' },
  });
  const packages = new Set<string>();
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line.replaceAll('\\', '/'))?.[1];
    if (name) packages.add(name);
  }
  return { stdout, packages };
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'imagepin-lazy-'));
  compile(join(repo, 'src'), join(work, 'src'));
  writeFileSync(join(work, 'package.json'), '{"type":"module"}\n');
  symlinkSync(join(repo, 'node_modules'), join(work, 'node_modules'), 'dir');
  mkdirSync(join(work, 'tree', 'apps'), { recursive: true });
  writeFileSync(join(work, 'tree', 'apps', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: { name: web }\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n');
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

test('scan --offline loads neither the HTTP stack, the schema library, diff, tar-stream nor probot', () => {
  const { stdout, packages } = scan(join(work, 'tree'), ['--offline', '--format', 'json']);
  expect(JSON.parse(stdout).summary).toMatchObject({ files: 1, occurrences: 1 });
  // The recorder sees both kinds of module: yaml is imported as ES modules, picomatch is CommonJS.
  expect([...packages]).toEqual(expect.arrayContaining(['yaml', 'picomatch']));
  expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
});

test('with a config file, scan --offline loads zod to validate it, and still no HTTP stack', () => {
  mkdirSync(join(work, 'tree', '.github'), { recursive: true });
  writeFileSync(join(work, 'tree', '.github', 'imagepin.yml'), 'rules:\n  floating-tag: warning\n');
  try {
    const { stdout, packages } = scan(join(work, 'tree'), ['--offline', '--format', 'json']);
    expect(JSON.parse(stdout).findings.find((f: { ruleId: string }) => f.ruleId === 'floating-tag')?.severity).toBe('warning');
    expect(packages.has('zod')).toBe(true);
    expect(HEAVY.filter((name) => name !== 'zod' && packages.has(name))).toEqual([]);
  } finally {
    rmSync(join(work, 'tree', '.github'), { recursive: true, force: true });
  }
});
