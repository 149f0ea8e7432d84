import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithBinary } from '../harness/binaries.js';
import { buildCli } from '../harness/built-cli.js';

const POD = (image: string): string => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: ${image}\n`;

let cli: ReturnType<typeof buildCli>;
let dir: string;
beforeAll(() => {
  cli = buildCli();
});
afterAll(() => cli?.remove());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imagepin-proc-'));
  chmodSync(dir, 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('scan | head: a reader that goes away ends the output quietly, with no EPIPE stack trace', () => {
  for (let i = 0; i < 300; i++) writeFileSync(join(dir, `pod-${i}.yaml`), POD(`ghcr.io/acme/app-${i}:latest`));
  for (const format of ['json', 'text']) {
    // A real pipe into head, which exits after 10 bytes while imagepin is still writing.
    const { stdout, stderr, status } = spawnSync('bash', ['-c', `"$0" "$1" scan "$2" --offline --format ${format} --fail-on error | head -c 10; exit "\${PIPESTATUS[0]}"`, process.execPath, cli.entry, dir], { encoding: 'utf8' });
    // The exit code is still the scan's: 1, for the floating tags it found.
    expect([stdout.length, stderr, status]).toEqual([10, '', 1]);
  }
});

test('scan | a slow reader: the whole report arrives, the same bytes as to a file, with the same exit code (decision 65)', () => {
  for (let i = 0; i < 1500; i++) writeFileSync(join(dir, `pod-${i}.yaml`), POD(`ghcr.io/acme/app-${i}:latest`));
  const file = join(dir, 'out.json');
  const run = (to: string) => spawnSync('bash', ['-c', `"$0" "$1" scan "$2" --offline --format json --fail-on error ${to}; exit "\${PIPESTATUS[0]}"`, process.execPath, cli.entry, dir, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const toFile = run('> "$3"');
  // The reader starts a second late: by then imagepin has written far more than a pipe holds (64 KiB).
  const slow = run('| (sleep 1; cat)');
  const written = readFileSync(file, 'utf8');
  expect(written.length).toBeGreaterThan(1 << 20);
  expect([slow.stdout === written, slow.stderr, slow.status]).toEqual([true, '', 1]);
  expect([toFile.stderr, toFile.status]).toEqual(['', 1]);
  // And a reader that goes away from a report this long still ends it quietly.
  const head = run('| head -c 10');
  expect([head.stdout.length, head.stderr, head.status]).toEqual([10, '', 1]);
});

describeWithBinary('setpriv', 'apt-get install util-linux', 'unreadable files and folders, as a user who cannot read them', () => {
  // FORCE_COLOR emptied: jest's workers set it, and the text report would then be coloured.
  const asNobody = (...args: string[]) => spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cli.entry, ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '' } });

  test('a chmod 000 file and folder are diagnostics with the reason; every other file is still reported', () => {
    mkdirSync(join(dir, 'apps'));
    mkdirSync(join(dir, 'locked'));
    writeFileSync(join(dir, 'apps', 'good.yaml'), POD('nginx:latest'));
    writeFileSync(join(dir, 'apps', 'secret.yaml'), POD('redis:latest'));
    writeFileSync(join(dir, 'locked', 'inside.yaml'), POD('busybox:latest'));
    for (const d of [dir, join(dir, 'apps'), join(dir, 'locked')]) chmodSync(d, 0o755);
    chmodSync(join(dir, 'apps', 'good.yaml'), 0o644);
    chmodSync(join(dir, 'apps', 'secret.yaml'), 0o000);
    chmodSync(join(dir, 'locked'), 0o000);
    const { status, stdout, stderr } = asNobody('scan', dir, '--offline', '--format', 'json', '--fail-on', 'error');
    expect(stderr).toBe('');
    expect(status).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc.diagnostics).toEqual([
      { file: 'apps/secret.yaml', code: 'unreadable', message: 'cannot read this file: permission denied (EACCES): make it readable by the user imagepin runs as; its images are not checked' },
      { file: 'locked/', code: 'unreadable', message: 'cannot read this folder: permission denied (EACCES): make it readable by the user imagepin runs as; its images are not checked' },
    ]);
    expect(doc.findings.map((f: { file: string; ruleId: string }) => `${f.file} ${f.ruleId}`)).toContain('apps/good.yaml floating-tag');
    expect(asNobody('scan', dir, '--offline').stdout).toContain('apps/secret.yaml\n  -       unreadable: cannot read this file: permission denied');
  });

  test('an unreadable root folder is a diagnostic too, not a crash', () => {
    const root = join(dir, 'repo');
    mkdirSync(root);
    chmodSync(root, 0o000);
    const { status, stdout, stderr } = asNobody('scan', root, '--offline', '--format', 'json');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(JSON.parse(stdout).diagnostics).toEqual([expect.objectContaining({ file: './', code: 'unreadable' })]);
  });
});
