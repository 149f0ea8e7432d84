import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ROOT = new URL('../../', import.meta.url).pathname;
// vfs storage and chroot isolation: daemonless, and no overlay or user namespaces needed.
const BUILDAH = ['--storage-driver', 'vfs'];

/** Runs buildah to completion; a non-zero exit becomes an Error with its output. */
export function buildah(args: string[], timeoutMs = 30 * 60_000): string {
  const run = spawnSync('buildah', [...BUILDAH, ...args], { encoding: 'utf8', cwd: ROOT, timeout: timeoutMs, maxBuffer: 64 << 20 });
  if (run.status !== 0) throw new Error(`buildah ${args[0]} failed (${run.status ?? run.signal}): ${(run.stderr || run.stdout).slice(-4000)}`);
  return run.stdout.trim();
}

/** The local base (Debian bookworm + Node 22 + npm), made once per set of inputs by base-image.sh. */
export function baseImage(): string {
  const run = spawnSync(`${ROOT}test/image/base-image.sh`, { encoding: 'utf8', timeout: 20 * 60_000 });
  if (run.status !== 0) throw new Error(`base-image.sh failed: ${run.stderr.slice(-4000)}`);
  return run.stdout.trim().split('\n').at(-1)!;
}

/** Builds the repository's Dockerfile on `base`, with layer caching so an unchanged lock reuses its npm ci layers. */
export function buildImage(base: string, tag: string): void {
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));
  buildah(['bud', '--isolation', 'chroot', '--layers', '--build-arg', `BASE=${base}`, '--build-arg', `VERSION=${pkg.version}`, '--build-arg', `SOURCE=${pkg.repository.url}`, '-t', tag, '.']);
}

export interface RunningContainer {
  child: ChildProcess;
  output: () => string;
  /** Sends `signal` to the image's entrypoint process itself (PID 1 in a real container runtime). */
  signalEntrypoint: (signal: NodeJS.Signals) => void;
  exited: Promise<number | null>;
}

/** `buildah run` of the container's own entrypoint with `env`, on the host's loopback. */
export function runEntrypoint(container: string, entrypoint: string[], env: Record<string, string>): RunningContainer {
  const args = [...BUILDAH, 'run', '--isolation', 'chroot', ...Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]), container, '--', ...entrypoint];
  const child = spawn('buildah', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // buildah answers a signal by killing its child, so the signal goes to the entrypoint, as a
  // container runtime's stop would: the process under buildah whose command line is the entrypoint.
  const signalEntrypoint = (signal: NodeJS.Signals) => {
    const pid = findDescendant(child.pid!, entrypoint);
    if (!pid) throw new Error(`no process running ${entrypoint.join(' ')} under buildah ${child.pid}`);
    process.kill(pid, signal);
  };
  return { child, output: () => output, signalEntrypoint, exited };
}

/** The process below `root` running `entrypoint` (argv[0] may be resolved to a full path: /usr/local/bin/node). */
function findDescendant(root: number, entrypoint: string[]): number | undefined {
  const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(root)], { encoding: 'utf8' }).stdout.trim().split(/\s+/).filter(Boolean).map(Number);
  for (const pid of children) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0$/, '').split('\0');
      const same = argv.length === entrypoint.length && argv[0]!.split('/').at(-1) === entrypoint[0] && argv.slice(1).join('\0') === entrypoint.slice(1).join('\0');
      if (same) return pid;
    } catch {
      continue;
    }
    const deeper = findDescendant(pid, entrypoint);
    if (deeper) return deeper;
  }
  return undefined;
}
