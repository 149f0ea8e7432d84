// The CLI bundle (scripts/bundle.mjs, run by `npm run build`): what it prints is what the modules
// print, and `scan --offline` still loads none of the heavy libraries (they sit in chunks of their
// own, which the recorder of test/helpers/record-loads.mjs must not see loaded).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const HEAVY = ['undici', 'zod', 'diff', 'tar-stream', 'probot', 'yocto-spinner'];
let work: string;
let meta: { outputs: Record<string, { inputs: Record<string, unknown> }> };

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'imagepin-bundle-'));
  // Laid out as the package installs it: package.json and docs/ above dist/bin/.
  copyFileSync(join(repo, 'package.json'), join(work, 'package.json'));
  symlinkSync(join(repo, 'docs'), join(work, 'docs'), 'dir');
  execFileSync(process.execPath, [join(repo, 'scripts', 'bundle.mjs'), join(work, 'dist', 'bin')], { cwd: repo, env: { ...process.env, IMAGEPIN_BUNDLE_META: join(work, 'meta.json') } });
  meta = JSON.parse(readFileSync(join(work, 'meta.json'), 'utf8'));
  mkdirSync(join(work, 'tree'));
  writeFileSync(join(work, 'tree', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: { name: web }\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n');
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function bundled(args: string[], env: NodeJS.ProcessEnv = {}, node: string[] = []): string {
  return execFileSync(process.execPath, [...node, join(work, 'dist', 'bin', 'imagepin.js'), ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', ...env } });
}

async function inProcess(args: string[]): Promise<string> {
  let out = '';
  await main(args, { stdout: (text) => (out += text), stderr: () => undefined, isTTY: false, progress: undefined });
  return out;
}

test.each(['json', 'sarif', 'text'])('the bundle prints what the modules print: scan --offline --format %s of the example', async (format) => {
  const args = ['scan', join(repo, 'examples', 'gitops'), '--offline', '--format', format];
  const expected = await inProcess(args);
  expect(expected.length).toBeGreaterThan(100);
  expect(bundled(args)).toBe(expected);
});

test('each folder of the bundle has a package.json that scopes it as ES modules and names no package (decision 40)', async () => {
  for (const dir of [join(work, 'dist', 'bin'), join(work, 'dist', 'bin', 'chunks')]) {
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toEqual({ type: 'module' });
  }
  // The scan of a 1-file tree from the bundle is the modules' scan of it, byte for byte.
  const args = ['scan', join(work, 'tree'), '--offline', '--format', 'json'];
  expect(bundled(args)).toBe(await inProcess(args));
});

test('the bundle reads its version and rule pages from the package (it sits deeper than dist/)', async () => {
  expect(bundled(['--version']).trim()).toBe(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version);
  const sarif = JSON.parse(bundled(['scan', join(work, 'tree'), '--offline', '--format', 'sarif']));
  const help = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'floating-tag')?.help?.markdown;
  expect(help).toBe(readFileSync(join(repo, 'docs', 'rules', 'floating-tag.md'), 'utf8'));
});

test('scan --offline from the bundle loads no chunk that holds a heavy library', () => {
  const log = join(work, 'loads.txt');
  writeFileSync(log, '');
  const out = bundled(['scan', join(work, 'tree'), '--offline', '--format', 'json'], { IMAGEPIN_LOAD_LOG: log }, ['--import', join(repo, 'test', 'helpers', 'record-loads.mjs')]);
  expect(JSON.parse(out).summary).toMatchObject({ files: 1, occurrences: 1 });
  const loaded = new Set(readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('file:')).map((l) => relative(repo, fileURLToPath(l)).replaceAll('\\', '/')));
  const libraries = (output: string): Set<string> => new Set(Object.keys(meta.outputs[output]?.inputs ?? {}).map((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1]).filter((n): n is string => !!n));
  const seen = new Set<string>();
  for (const [output] of Object.entries(meta.outputs)) {
    if (loaded.has(relative(repo, join(repo, output)).replaceAll('\\', '/'))) for (const name of libraries(output)) seen.add(name);
  }
  // The heavy libraries are in the bundle (in chunks of their own), so the check below can fail.
  expect(Object.keys(meta.outputs).some((output) => libraries(output).has('undici'))).toBe(true);
  // The recorder saw the bundle's chunks (yaml is bundled into one of them), so an empty log cannot pass.
  expect(seen.has('yaml')).toBe(true);
  expect(HEAVY.filter((name) => seen.has(name))).toEqual([]);
});

test('the compile cache (decision 36): kept under XDG_CACHE_HOME; off with IMAGEPIN_COMPILE_CACHE=0; an unwritable folder changes no output', () => {
  const args = ['scan', join(work, 'tree'), '--offline', '--format', 'json'];
  const clean = { NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: undefined };
  const expected = bundled(args, { ...clean, IMAGEPIN_COMPILE_CACHE: '0' });
  const cache = join(work, 'xdg');
  expect(bundled(args, { ...clean, IMAGEPIN_COMPILE_CACHE: '0', XDG_CACHE_HOME: cache })).toBe(expected);
  expect(existsSync(join(cache, 'imagepin', 'compile-cache'))).toBe(false);
  expect(bundled(args, { ...clean, XDG_CACHE_HOME: cache })).toBe(expected);
  expect(readdirSync(join(cache, 'imagepin', 'compile-cache'), { recursive: true }).length).toBeGreaterThan(0);
  // A file where the cache folder would go: Node cannot create it, the run is the same.
  writeFileSync(join(work, 'not-a-folder'), '');
  expect(bundled(args, { ...clean, XDG_CACHE_HOME: join(work, 'not-a-folder') })).toBe(expected);
});
