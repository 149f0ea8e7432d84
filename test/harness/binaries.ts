import { spawnSync } from 'node:child_process';

export function haveBinary(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/**
 * `describe` for tests that need a program. Without it: under CI=true the suite fails (CI must
 * have everything), elsewhere it is skipped with a loud warning that says how to install it.
 */
export function describeWithBinary(binary: string, install: string, title: string, body: () => void): void {
  if (haveBinary(binary)) {
    describe(title, body);
    return;
  }
  const message = `${binary} is not installed, so "${title}" cannot run. Install it with: ${install}`;
  if (process.env.CI === 'true') {
    describe(title, () => {
      test(`requires ${binary}`, () => {
        throw new Error(`${message} (.ci/run installs it; CI must not skip these tests)`);
      });
    });
    return;
  }
  console.warn(`\n${'!'.repeat(78)}\n!! SKIPPED: ${message}\n${'!'.repeat(78)}\n`);
  describe.skip(title, body);
}
