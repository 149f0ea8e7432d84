// Progress on standard error while registries answer, only for a person at a terminal: run under a
// real pseudo-terminal (util-linux's `script`, Debian package bsdutils), under CI, and with pipes. Colour by FORCE_COLOR/NO_COLOR.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithBinary } from '../harness/binaries.js';
import { buildCli } from '../harness/built-cli.js';

let cli: ReturnType<typeof buildCli>;
let dir: string;
let port: number;

beforeAll(async () => {
  cli = buildCli();
  dir = mkdtempSync(join(tmpdir(), 'imagepin-progress-'));
  writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: "nginx:1.27.3"}\n    - {name: b, image: "quay.io/ceph/ceph:v18.2.4"}\n    - {name: c, image: "ghcr.io/acme/app:2.0.0"}\n');
  // A loopback port nothing listens on: every reference is answered (unresolved) at once, no network needed.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(() => {
  cli?.remove();
  rmSync(dir, { recursive: true, force: true });
});

const online = (): string[] => ['docker.io', 'quay.io', 'ghcr.io'].flatMap((r) => ['--endpoint', `${r}=http://127.0.0.1:${port}/v2`]).concat(['--allow-host', `127.0.0.1:${port}`, '--no-charts']);
const quote = (arg: string): string => `'${arg.replaceAll("'", "'\\''")}'`;
/** The environment without CI (the test runner's own CI=true must not decide the case). */
const env = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const rest = { ...process.env };
  for (const name of ['CI', 'NO_COLOR', 'FORCE_COLOR']) delete rest[name];
  return { ...rest, TERM: 'xterm-256color', DOCKER_CONFIG: '/nonexistent', ...extra };
};

/** Runs the CLI with its standard error (and, unless `stdoutFile`, its standard output) on a pseudo-terminal; returns what the terminal showed. */
function underTerminal(args: string[], extra: NodeJS.ProcessEnv, stdoutFile?: string): { terminal: string; status: number | null } {
  const command = [process.execPath, cli.entry, ...args].map(quote).join(' ') + (stdoutFile ? ` > ${quote(stdoutFile)}` : '');
  const run = spawnSync('script', ['-q', '-f', '-e', '-c', command, '/dev/null'], { encoding: 'utf8', env: { ...env(extra), SHELL: '/bin/sh' }, stdio: ['ignore', 'pipe', 'pipe'] });
  return { terminal: run.stdout, status: run.status };
}

describeWithBinary('script', 'apt-get install bsdutils', 'under a pseudo-terminal', () => {
  test('a terminal sees the count of references resolved, cleared before the report; the report has none of it', () => {
    const report = join(dir, 'report.txt');
    const { terminal } = underTerminal(['scan', dir, ...online()], {}, report);
    expect(terminal).toContain('resolving image references: 1 of 3');
    expect(terminal).toContain('resolving image references: 2 of 3');
    expect(terminal).toContain('3 references resolved; checking mirrors and releases');
    // Last, the cursor is shown again and the line erased (column 1, clear to its end): the terminal is left clean.
    expect(terminal.slice(terminal.lastIndexOf('checking mirrors and releases')).endsWith('\u001b[?25h\u001b[1G\u001b[0K')).toBe(true);
    const text = readFileSync(report, 'utf8');
    expect(text).not.toContain('resolving image references');
    expect(text).toContain('3 of 3 unique references unresolved');
  });

  test('pin shows the same progress while it resolves, then its own report', () => {
    const { terminal } = underTerminal(['pin', dir, '--dry-run', ...online().filter((a) => a !== '--no-charts')], {}, join(dir, 'diff.txt'));
    expect(terminal).toContain('resolving image references: 1 of 3');
    expect(terminal).toContain('3 references resolved; checking mirrors and releases');
    expect(readFileSync(join(dir, 'diff.txt'), 'utf8')).not.toContain('resolving');
  });

  test('under CI (CI set), the terminal sees no progress, only the report', () => {
    const { terminal } = underTerminal(['scan', dir, ...online()], { CI: 'true' });
    expect(terminal).not.toContain('resolving image references');
    expect(terminal).toContain('3 of 3 unique references unresolved');
  });

  test('offline, nothing is resolved and no progress is drawn; NO_COLOR keeps a terminal report plain, FORCE_COLOR=0 too', () => {
    for (const extra of [{ NO_COLOR: '1' }, { FORCE_COLOR: '0' }]) {
      const { terminal } = underTerminal(['scan', dir, '--offline'], extra);
      expect(terminal).toContain('(offline: not resolved)');
      expect(terminal).not.toContain('resolving image references');
      expect(terminal).not.toContain('\u001b[');
    }
    // The same terminal with neither: colour.
    expect(underTerminal(['scan', dir, '--offline'], {}).terminal).toContain('\u001b[');
  });
});

test('with pipes (no terminal), standard error stays quiet: no progress', () => {
  const run = spawnSync(process.execPath, [cli.entry, 'scan', dir, ...online()], { encoding: 'utf8', env: env({}) });
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain('3 of 3 unique references unresolved');
  expect(run.stdout).not.toContain('\u001b[');
});

test('FORCE_COLOR=1 colours the report into a pipe, even with NO_COLOR set; --no-color still wins', () => {
  const scan = (extra: NodeJS.ProcessEnv, ...flags: string[]) => spawnSync(process.execPath, [cli.entry, 'scan', dir, '--offline', ...flags], { encoding: 'utf8', env: env(extra) }).stdout;
  expect(scan({ FORCE_COLOR: '1' })).toContain('\u001b[');
  expect(scan({ FORCE_COLOR: '1', NO_COLOR: '1' })).toContain('\u001b[');
  expect(scan({ FORCE_COLOR: '1' }, '--no-color')).not.toContain('\u001b[');
});
