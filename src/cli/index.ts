#!/usr/bin/env node
import { main } from './main.js';

// `imagepin scan | head`: when the reader goes away, the rest of the output has nowhere to go.
// It is dropped quietly (no EPIPE stack trace) and the exit code is still the scan's own.
let closed = false;
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  closed = true;
});

const code = await main(process.argv.slice(2), {
  stdout: (text) => {
    if (!closed) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true && !process.env.NO_COLOR,
});
process.exitCode = code;
