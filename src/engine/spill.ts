import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** Where one appended text sits in the spill file, in bytes. */
export interface Chunk {
  offset: number;
  length: number;
}

const FLUSH_BYTES = 1 << 16;
const READ_BYTES = 1 << 20;

/**
 * An append-only temporary file of UTF-8 texts (decision 41): what a scan would otherwise hold
 * for the whole tree goes here as it is made, and is read back by chunk. The file lives in its own
 * folder under the system's temporary folder and is removed by `close`, which the owner calls in a
 * `finally`. Small appends are gathered and written 64 KiB at a time.
 */
export class SpillFile {
  private readonly dir: string;
  private fd: number | undefined;
  private written = 0;
  private pending: string[] = [];
  private pendingBytes = 0;

  /** `readBytes`: how much `copy` reads at a time (tests make it small). */
  constructor(private readonly readBytes = READ_BYTES) {
    this.dir = mkdtempSync(join(tmpdir(), 'imagepin-spill-'));
    try {
      this.fd = openSync(join(this.dir, 'chunks'), 'w+', 0o600);
    } catch (err) {
      rmSync(this.dir, { recursive: true, force: true });
      throw err;
    }
  }

  /** Bytes appended so far. */
  get size(): number {
    return this.written + this.pendingBytes;
  }

  append(text: string): Chunk {
    const length = Buffer.byteLength(text);
    const chunk = { offset: this.size, length };
    this.pending.push(text);
    this.pendingBytes += length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
    return chunk;
  }

  /** The text of one chunk. */
  read(chunk: Chunk): string {
    this.flush();
    const buffer = Buffer.allocUnsafe(chunk.length);
    let done = 0;
    while (done < chunk.length) {
      const got = readSync(this.open(), buffer, done, chunk.length - done, chunk.offset + done);
      if (got === 0) throw new Error(`the spill file ended at byte ${chunk.offset + done}, before the end of a chunk`);
      done += got;
    }
    return buffer.toString('utf8');
  }

  /**
   * The texts of the chunks, in the order given, as strings of at most about 1 MiB: chunks that
   * follow each other in the file are read as one range. `skip` bytes of the first chunk are left out.
   */
  *copy(chunks: Iterable<Chunk>, skip = 0): Generator<string> {
    this.flush();
    let start = -1;
    let end = -1;
    for (const chunk of chunks) {
      const from = start === -1 ? chunk.offset + skip : chunk.offset;
      if (chunk.offset === end) end += chunk.length;
      else {
        if (start !== -1) yield* this.range(start, end);
        start = from;
        end = chunk.offset + chunk.length;
      }
    }
    if (start !== -1) yield* this.range(start, end);
  }

  /** The folder the file is in (removed by `close`). */
  get folder(): string {
    return this.dir;
  }

  /** Closes and removes the file and its folder; safe to call more than once. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.dir, { recursive: true, force: true });
  }

  private *range(start: number, end: number): Generator<string> {
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(Math.min(this.readBytes, end - start));
    for (let at = start; at < end; ) {
      const got = readSync(this.open(), buffer, 0, Math.min(buffer.length, end - at), at);
      if (got === 0) throw new Error(`the spill file ended at byte ${at}, before the end of a chunk`);
      at += got;
      const text = decoder.write(buffer.subarray(0, got));
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    // Written as a string: Node encodes it once, no Buffer is made here.
    const text = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
    const bytes = this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    const wrote = writeSync(this.open(), text, this.written, 'utf8');
    // A short write of a string cannot be resumed by character: the rest goes as bytes.
    if (wrote < bytes) {
      const rest = Buffer.from(text, 'utf8');
      for (let done = wrote; done < bytes; ) done += writeSync(this.open(), rest, done, bytes - done, this.written + done);
    }
    this.written += bytes;
  }

  private open(): number {
    if (this.fd === undefined) throw new Error('the spill file is closed');
    return this.fd;
  }
}
