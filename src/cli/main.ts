import { parseArgs } from 'node:util';
import { scanSource } from '../engine/scan.js';
import { toJsonChunks } from '../reporters/json.js';
import { toText } from '../reporters/text.js';
import { LocalSource } from '../sources/local.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
}

const USAGE = `Usage: imagepin scan [PATH] [--format text|json] [--color|--no-color]

  scan   list every container image reference under PATH (default: .)
`;

/** Runs the CLI and returns its exit code: 0 success, 2 usage error or unreadable path. */
export async function main(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      allowNegative: true,
      options: { format: { type: 'string', default: 'text' }, color: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    io.stderr(`imagepin: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, path = '.', ...extra] = parsed.positionals;
  if (parsed.values.help || command === undefined) {
    (parsed.values.help ? io.stdout : io.stderr)(USAGE);
    return parsed.values.help ? 0 : 2;
  }
  if (command !== 'scan' || extra.length > 0) {
    io.stderr(`imagepin: unknown command "${[command, ...extra].join(' ')}"\n${USAGE}`);
    return 2;
  }
  const format = parsed.values.format;
  if (format !== 'text' && format !== 'json') {
    io.stderr(`imagepin: --format must be text or json, not "${format}"\n`);
    return 2;
  }
  let inventory;
  try {
    inventory = await scanSource(new LocalSource(path));
  } catch (err) {
    io.stderr(`imagepin: cannot read ${path}: ${(err as Error).message}\n`);
    return 2;
  }
  if (format === 'json') for (const chunk of toJsonChunks(inventory)) io.stdout(chunk);
  else io.stdout(toText(inventory, parsed.values.color ?? io.isTTY));
  return 0;
}
