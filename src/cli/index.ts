#!/usr/bin/env node
import module from 'node:module';
import { type Enable, startCompileCache } from './compile-cache.js';

// `imagepin scan | head`: when the reader goes away, the rest of the output has nowhere to go.
// It is dropped quietly (no EPIPE stack trace) and the exit code is still the scan's own.
let closed = false;
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  closed = true;
});

// Node keeps compiled code between runs (compile-cache.ts, decision 36). It must be on before the
// CLI's modules are imported, hence the dynamic imports below.
startCompileCache(process.env, (module as { enableCompileCache?: Enable }).enableCompileCache);

const [{ main }, { wantsProgress }] = await Promise.all([import('./main.js'), import('./progress.js')]);
const code = await main(process.argv.slice(2), {
  stdout: (text) => {
    if (!closed) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  // Whether colour is wanted also depends on FORCE_COLOR, NO_COLOR and --color: scan decides (color.ts).
  isTTY: process.stdout.isTTY === true,
  progress: wantsProgress(process.stderr.isTTY === true, process.env) ? process.stderr : undefined,
});
process.exitCode = code;
