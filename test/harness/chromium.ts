import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Debian's headless Chromium with a throwaway profile and nothing that calls home. */
async function chromium(args: string[]): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'imagepin-chromium-'));
  try {
    const { stdout } = await run('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', `--user-data-dir=${profile}`, '--hide-scrollbars', ...args], { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
    return stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The DOM after the page's scripts ran, as Chromium serialises it. */
export function dumpDom(url: string, width: number): Promise<string> {
  return chromium([`--window-size=${width},1000`, '--dump-dom', url]);
}

/** A PNG of the page's first `height` pixels at `width`. */
export async function screenshot(url: string, path: string, width: number, height: number): Promise<void> {
  await chromium([`--window-size=${width},${height}`, `--screenshot=${path}`, url]);
}
