import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Compares `actual` with a committed golden file. `UPDATE_GOLDEN=1` rewrites it (then review the
 * diff before committing); a missing golden is written once, so a new test starts from its output.
 */
export function expectGolden(file: URL, actual: string): void {
  const path = fileURLToPath(file);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
