import type { Writable } from 'node:stream';
import { reasonOf } from '../engine/contain.js';
import { packageInfo } from '../version.js';
import { PIN_USAGE, SCAN_USAGE, UsageError } from './usage.js';

export interface Io {
  stdout: (text: string) => void;
  /**
   * When standard output has queued more than it passes on (a slow reader), a promise of the
   * moment it has room again; undefined when it has room now, or when it cannot wait (tests).
   */
  drained?: () => Promise<void> | undefined;
  stderr: (text: string) => void;
  /** Standard output is a terminal (colour is decided with the environment and flags, src/cli/color.ts). */
  isTTY: boolean;
  /** Where to draw progress while registries answer (standard error, when a person watches it); none: quiet. */
  progress?: Writable;
}

type Command = (args: string[], io: Io, env: NodeJS.ProcessEnv) => Promise<number>;

// Each command's module is imported when that command runs: `scan` never loads pin's diff
// library or protect's Harbor client (startup time, issue 17).
const COMMANDS: Record<string, () => Promise<{ run: Command; usage: string }>> = {
  scan: async () => ({ run: (await import('./scan.js')).scanCommand, usage: SCAN_USAGE }),
  pin: async () => ({ run: (await import('./pin.js')).pinCommand, usage: PIN_USAGE }),
  protect: async () => {
    const { protectCommand, PROTECT_USAGE } = await import('./protect.js');
    return { run: protectCommand, usage: PROTECT_USAGE };
  },
  serve: async () => {
    const { serveCommand, SERVE_USAGE } = await import('./serve.js');
    return { run: serveCommand, usage: SERVE_USAGE };
  },
};

const USAGE = `Usage: imagepin <command> [options]

Commands:
  scan [PATH]   list and resolve every container image reference, and report risks (imagepin scan --help)
  pin [PATH]    rewrite references to version@digest in place, keeping comments (imagepin pin --help)
  protect       list or remove imagepin's Harbor immutable-tag rules (imagepin protect --help)
  serve         run the GitHub App; --role web|worker|all in fleet mode (imagepin serve --help)

  --version     print imagepin's version
`;

/** Runs the CLI and returns its exit code: 0 success, 1 findings at --fail-on, 2 usage or configuration error, or the run could not finish. */
export async function main(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    (command ? io.stdout : io.stderr)(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-V') {
    io.stdout(`${packageInfo().version}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    io.stderr(`imagepin: unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  const { run, usage } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(usage);
    return 0;
  }
  try {
    return await run(rest, io, env);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') === true) {
      io.stderr(`imagepin: ${(err as Error).message}\n${usage}`);
      return 2;
    }
    // The last boundary: whatever escaped every unit ends the run with exit 2 and a reason, never a stack trace or exit 1 (findings).
    io.stderr(`imagepin: could not finish: ${reasonOf(err)}. This is a bug in imagepin; please report it.\n`);
    return 2;
  }
}
