// Fidelity (issue 16): compares a scan with a hand-written answer key.
// Usage, after `npx tsc -p tsconfig.bench.json`:
//   imagepin scan TREE --offline --format json > scan.json
//   node bench/out/scripts/fidelity-compare.js bench/fidelity/OWNER__REPO.key.tsv scan.json
// Prints found / missed / extra; exits 1 when anything was missed or extra, 2 on bad input.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { compare, formatComparison, parseKey, type ScannedOccurrence } from './fidelity/compare.js';

/** Runs one comparison; returns the exit code. */
export function fidelityCompare(keyPath: string, scanPath: string, out: (text: string) => void): number {
  const key = parseKey(readFileSync(keyPath, 'utf8'));
  const scan = JSON.parse(readFileSync(scanPath, 'utf8')) as { occurrences?: ScannedOccurrence[] };
  if (!Array.isArray(scan.occurrences)) throw new Error(`${scanPath}: no "occurrences" list; expected imagepin scan --format json output`);
  const result = compare(key, scan.occurrences);
  out(formatComparison(basename(keyPath).replace(/\.key\.tsv$/, '').replace('__', '/'), result));
  return result.missed.length === 0 && result.extra.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  const [keyPath, scanPath] = process.argv.slice(2);
  if (!keyPath || !scanPath) {
    console.error('usage: fidelity-compare KEY.tsv SCAN.json');
    process.exit(2);
  }
  try {
    process.exitCode = fidelityCompare(keyPath, scanPath, (t) => process.stdout.write(t));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 2;
  }
}
