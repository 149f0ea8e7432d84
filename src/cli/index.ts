#!/usr/bin/env node
import module from 'node:module';

// `imagepin scan | head`: when the reader goes away, the rest of the output has nowhere to go.
// It is dropped quietly (no EPIPE stack trace) and the exit code is still the scan's own.
let closed = false;
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  closed = true;
});

// Node >= 22.8 can keep compiled code between runs (in os.tmpdir()/node-compile-cache unless
// NODE_COMPILE_CACHE names another folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off). It must be
// on before the CLI's modules are imported, hence the dynamic import below. Node 20 has no such
// function: nothing happens there. A cache that cannot be written only costs the saving.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

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
