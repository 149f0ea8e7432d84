import type { Writable } from 'node:stream';
import type { Io } from './main.js';

/**
 * Standard output as the CLI writes it. `drained()` is what lets a long report wait for a slow
 * reader (a pipe to a program that reads slowly, a loaded machine): a write that the stream
 * cannot pass on yet is queued in memory, so without waiting the whole report (about 155 MB at
 * 50,000 files) could end up queued at once (decision 65).
 *
 * `imagepin scan | head`: when the reader goes away (EPIPE), the rest of the output has nowhere to
 * go. It is dropped quietly (no stack trace) and the exit code is still the scan's own; any other
 * error of the stream is thrown, as Node would.
 */
export function outputTo(stream: Writable): Pick<Io, 'stdout' | 'drained'> {
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    closed = true;
  });
  return {
    stdout: (text) => {
      if (!closed) stream.write(text);
    },
    drained: () => {
      if (closed || !stream.writableNeedDrain) return undefined;
      // 'close' too: a stream that fails (the reader went away) never emits 'drain'.
      return new Promise<void>((resolve) => {
        const done = (): void => {
          stream.off('drain', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
      });
    },
  };
}

/** Writes a report's chunks to standard output, each once the output has room for it. */
export async function writeOut(io: Io, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    io.stdout(chunk);
    const wait = io.drained?.();
    if (wait) await wait;
  }
}
