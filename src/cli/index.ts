#!/usr/bin/env node
import module from 'node:module';
import { type Enable, startCompileCache } from './compile-cache.js';

// Node keeps compiled code between runs (compile-cache.ts, decision 36). It must be on before the
// CLI's modules are imported, hence the dynamic imports below.
startCompileCache(process.env, (module as { enableCompileCache?: Enable }).enableCompileCache);

const [{ main }, { wantsProgress }, { outputTo }] = await Promise.all([import('./main.js'), import('./progress.js'), import('./output.js')]);
const code = await main(process.argv.slice(2), {
  // A quiet end when the reader goes away (`scan | head`), and waits for a slow one (output.ts).
  ...outputTo(process.stdout),
  stderr: (text) => process.stderr.write(text),
  // Whether colour is wanted also depends on FORCE_COLOR, NO_COLOR and --color: scan decides (color.ts).
  isTTY: process.stdout.isTTY === true,
  progress: wantsProgress(process.stderr.isTTY === true, process.env) ? process.stderr : undefined,
});
process.exitCode = code;
