import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { outputTo } from '../../src/cli/output.js';
import { streamedScan } from '../../src/cli/scan-streamed.js';
import { readConfig } from '../../src/cli/shared.js';

const POD = (i: number): string => `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec:\n  containers:\n    - name: c\n      image: ghcr.io/acme/app-${i}:latest\n`;
const HIGH_WATER = 4096;

/** A reader that takes one chunk per turn of the event loop, or goes away (EPIPE) after `failAfter` bytes. */
class SlowReader extends Writable {
  readonly received: string[] = [];
  private bytes = 0;
  constructor(private readonly failAfter = Infinity) {
    super({ highWaterMark: HIGH_WATER, decodeStrings: false });
  }
  override _write(chunk: string, _encoding: string, done: (err?: Error) => void): void {
    this.bytes += chunk.length;
    if (this.bytes > this.failAfter) return void setImmediate(() => done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })));
    this.received.push(chunk);
    setImmediate(done);
  }
}

/** The CLI's Io on a slow reader; `most` is the largest amount the stream ever held queued, and `biggest` the largest chunk. */
function slowIo(reader: SlowReader) {
  const out = outputTo(reader);
  const seen = { most: 0, biggest: 0 };
  const io = {
    ...out,
    stdout: (text: string) => {
      out.stdout(text);
      seen.biggest = Math.max(seen.biggest, text.length);
      seen.most = Math.max(seen.most, reader.writableLength);
    },
    stderr: () => undefined,
    isTTY: false,
  };
  return { io, seen };
}

const collected = () => {
  const out: string[] = [];
  return { out, io: { stdout: (t: string) => void out.push(t), stderr: () => undefined, isTTY: false } };
};

describe('a slow reader of standard output (decision 65)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imagepin-output-'));
  beforeAll(() => {
    for (let i = 0; i < 400; i++) writeFileSync(join(dir, `pod-${i}.yaml`), POD(i));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['json', 'text', 'sarif', 'markdown'])('gets the whole %s report, the same bytes, and never more queued than one chunk over the limit', async (format) => {
    const expected = collected();
    const code = await main(['scan', dir, '--offline', '--format', format, '--fail-on', 'error'], expected.io);
    const reader = new SlowReader();
    const { io, seen } = slowIo(reader);
    expect(await main(['scan', dir, '--offline', '--format', format, '--fail-on', 'error'], io)).toBe(code);
    await new Promise<void>((resolve) => reader.end(resolve));
    expect(reader.received.join('')).toBe(expected.out.join(''));
    expect(expected.out.join('').length).toBeGreaterThan(4 * HIGH_WATER);
    expect(seen.most).toBeLessThanOrEqual(HIGH_WATER + seen.biggest);
  });

  it('gets the whole streamed report (the path of 10,000 files and more) the same way', async () => {
    const config = (await readConfig(dir, undefined, collected().io))!;
    const expected = collected();
    const code = await streamedScan(dir, config, 'error', expected.io, { streamFrom: 0 });
    const reader = new SlowReader();
    const { io, seen } = slowIo(reader);
    expect(await streamedScan(dir, config, 'error', io, { streamFrom: 0 })).toBe(code);
    await new Promise<void>((resolve) => reader.end(resolve));
    expect(reader.received.join('')).toBe(expected.out.join(''));
    expect(seen.most).toBeLessThanOrEqual(HIGH_WATER + seen.biggest);
  });

  it('a reader that goes away while the scan waits for it: the scan ends with its own exit code, nothing thrown', async () => {
    const reader = new SlowReader(10 * HIGH_WATER);
    const { io } = slowIo(reader);
    expect(await main(['scan', dir, '--offline', '--format', 'json', '--fail-on', 'error'], io)).toBe(1);
    expect(reader.destroyed).toBe(true);
    expect(reader.received.join('').length).toBeLessThanOrEqual(10 * HIGH_WATER);
  });
});
