import { scanCommand } from './scan.js';
import { SCAN_USAGE, UsageError } from './usage.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

const USAGE = `Usage: imagepin <command> [options]

Commands:
  scan [PATH]   list and resolve every container image reference (imagepin scan --help)
`;

/** Runs the CLI and returns its exit code: 0 success, 1 findings at --fail-on, 2 usage or configuration error. */
export async function main(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    (command ? io.stdout : io.stderr)(USAGE);
    return command ? 0 : 2;
  }
  if (command !== 'scan') {
    io.stderr(`imagepin: unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(SCAN_USAGE);
    return 0;
  }
  try {
    return await scanCommand(rest, io, env);
  } catch (err) {
    if (!(err instanceof UsageError) && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') !== true) throw err;
    io.stderr(`imagepin: ${(err as Error).message}\n${SCAN_USAGE}`);
    return 2;
  }
}
