// Runs a benchmark child process and reads its wall time and peak RSS from GNU time (`time -v`).
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TIME = '/usr/bin/time';
/** The repository root (bench/out/bench/ when compiled). */
export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
/** The CLI as `npm run bench` compiles it (tsconfig.bench.json), so no separate build is needed. */
export const cli = join(repoRoot, 'bench', 'out', 'src', 'cli', 'index.js');
/** The CLI bundle as scripts/bundle.mjs writes it for the bench (`buildBundle` makes it). */
export const bundledCli = join(repoRoot, 'bench', 'out', 'bin', 'imagepin.js');

/**
 * Writes the CLI bundle for the bench with the script `npm run build` runs for dist/bin (the same
 * bundle users run, built from this checkout's sources, so never stale), and returns its path.
 */
export function buildBundle(): string {
  execFileSync(process.execPath, [join(repoRoot, 'scripts', 'bundle.mjs'), dirname(bundledCli)], { cwd: repoRoot, stdio: 'inherit' });
  return bundledCli;
}

export interface ChildRun {
  code: number | null;
  wallMs: number;
  /** Peak RSS of the process in MiB; undefined without GNU time. */
  rssMiB?: number;
  /** User plus system CPU time in ms (GNU time): less sensitive than wall time to other jobs on a shared machine. */
  cpuMs?: number;
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Runs `command args` with stdout written to `stdoutFile` (a file, not a pipe into this process,
 * so the harness holds no copy), timed by GNU time when it is installed and `timeFile` is given.
 */
export function timed(command: string, args: string[], stdoutFile: string, timeFile?: string): ChildRun {
  const useTime = timeFile !== undefined && existsSync(TIME);
  const argv = useTime ? ['-v', '-o', timeFile, command, ...args] : args;
  const out = openSync(stdoutFile, 'w');
  const started = performance.now();
  const result = spawnSync(useTime ? TIME : command, argv, { stdio: ['ignore', out, 'pipe'] });
  const wallMs = performance.now() - started;
  closeSync(out);
  if (!useTime) return { code: result.status, wallMs };
  const report = readFileSync(timeFile, 'utf8');
  rmSync(timeFile, { force: true });
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1];
  const cpu = ['User', 'System'].map((what) => Number(new RegExp(`${what} time \\(seconds\\): ([\\d.]+)`).exec(report)?.[1] ?? NaN));
  return { code: result.status, wallMs, rssMiB: rss ? Number(rss) / 1024 : undefined, cpuMs: (cpu[0]! + cpu[1]!) * 1000 };
}

/** `m:ss.ss` or `h:mm:ss` from GNU time, in milliseconds. */
export function clockMs(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0) * 1000;
}

/**
 * The Renovate peer harness: IMAGEPIN_PEER_RENOVATE, else `../shared/peers/renovate/run.sh` beside
 * the repository, or beside the main worktree when this is a linked git worktree.
 */
export function renovateHarness(env = process.env): string | undefined {
  if (env.IMAGEPIN_PEER_RENOVATE) return existsSync(env.IMAGEPIN_PEER_RENOVATE) ? env.IMAGEPIN_PEER_RENOVATE : undefined;
  const roots = [repoRoot];
  try {
    const common = execFileSync('git', ['-C', repoRoot, 'rev-parse', '--path-format=absolute', '--git-common-dir'], { encoding: 'utf8' }).trim();
    roots.push(dirname(common));
  } catch {
    // not a git checkout: only the repository root is looked at
  }
  return roots.map((root) => join(root, '..', 'shared', 'peers', 'renovate', 'run.sh')).find((file) => existsSync(file));
}
