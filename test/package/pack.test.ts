import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 8 * 60_000 });

// npm pack (which builds through `prepare`), then a plain install of the tarball into an empty
// folder, as a user of the package gets it: the bins must work with only what the tarball holds.
describe('the npm package', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imagepin-pack-'));
  let files: string[] = [];
  const bin = (name: string) => join(dir, 'consumer', 'node_modules', '.bin', name);

  beforeAll(() => {
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], ROOT));
    files = packed.files.map((f: { path: string }) => f.path);
    mkdirSync(join(dir, 'consumer'));
    writeFileSync(join(dir, 'consumer', 'package.json'), '{"name":"consumer","private":true}\n');
    npm(['install', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, packed.filename)], join(dir, 'consumer'));
    mkdirSync(join(dir, 'repo', 'apps'), { recursive: true });
    writeFileSync(join(dir, 'repo', 'apps', 'web.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - {name: web, image: "nginx:1.27.3"}\n');
  }, 15 * 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('holds the built code, the manifest and the docs, and no tests, fixtures or sources', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/bin/imagepin.js', 'dist/cli/index.js', 'dist/action/index.js', 'dist/app/start.js', 'app.yml', 'docs/install.md']));
    expect(files.filter((f) => /(^|\/)(test|tests|__fixtures__|fixtures)\/|\.test\.|^src\/|^helm\//.test(f))).toEqual([]);
  });

  test('imagepin --version and a scan work from the installed package', () => {
    expect(execFileSync(bin('imagepin'), ['--version'], { encoding: 'utf8' })).toBe(`${pkg.version}\n`);
    const scan = JSON.parse(execFileSync(bin('imagepin'), ['scan', join(dir, 'repo'), '--offline', '--format', 'json'], { encoding: 'utf8' }));
    expect(scan.occurrences.map((o: { raw: string; file: string }) => [o.file, o.raw])).toEqual([['apps/web.yaml', 'nginx:1.27.3']]);
  });

  test('SARIF from the installed package carries each rule\'s doc page as its help, not a bare link', () => {
    const sarif = JSON.parse(execFileSync(bin('imagepin'), ['scan', join(dir, 'repo'), '--offline', '--format', 'sarif'], { encoding: 'utf8' }));
    const rules = sarif.runs[0].tool.driver.rules as { id: string; help: { text: string; markdown?: string } }[];
    expect(rules.length).toBeGreaterThan(10);
    for (const rule of rules) {
      expect(rule.help.markdown).toBe(readFileSync(join(ROOT, 'docs', 'rules', `${rule.id}.md`), 'utf8'));
      expect(rule.help.text).toContain('How to fix it');
    }
  });

  test('imagepin-action runs as the Actions runner starts it', () => {
    const out = join(dir, 'github-output');
    writeFileSync(out, '');
    const run = spawnSync(bin('imagepin-action'), { encoding: 'utf8', env: { ...process.env, GITHUB_WORKSPACE: join(dir, 'repo'), GITHUB_OUTPUT: out, INPUT_OFFLINE: 'true', 'INPUT_FAIL-ON': 'error' } });
    expect(run.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^sarif-file=imagepin\.sarif\nfindings=\d+\nexit-code=0\n$/);
  });
});
