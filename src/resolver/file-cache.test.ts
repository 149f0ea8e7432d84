import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileCache } from './file-cache.js';

describe('FileCache', () => {
  let dir: string;
  let now: number;
  const open = (file = join(dir, 'c', 'cache.json')): FileCache => new FileCache(file, { maxAgeMs: 1000, immutable: (k) => k.startsWith('platforms:'), now: () => now });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'imagepin-file-cache-'));
    now = 1_000_000;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('an answer outlives the run within its TTL, and not past it', async () => {
    const first = open();
    await first.set('tag:a', { digest: 'sha256:1' }, 500);
    first.flush();
    now += 499;
    expect(await open().get('tag:a')).toEqual({ digest: 'sha256:1' });
    now += 1;
    expect(await open().get('tag:a')).toBeUndefined();
  });

  test('an entry without a TTL lasts maxAge on disk, unless its key is immutable', async () => {
    const first = open();
    await first.set('digest:a@sha256:1', { digest: 'sha256:1' });
    await first.set('platforms:a@sha256:1', ['linux/amd64']);
    first.flush();
    now += 10_000_000;
    const later = open();
    expect(await later.get('digest:a@sha256:1')).toBeUndefined();
    expect(await later.get('platforms:a@sha256:1')).toEqual(['linux/amd64']);
  });

  test('two runs that flush one after the other keep both runs\' answers; no temporary file is left', async () => {
    const a = open();
    const b = open();
    await a.set('tag:a', 1, 1000);
    await b.set('tag:b', 2, 1000);
    a.flush();
    b.flush();
    const c = open();
    expect([await c.get('tag:a'), await c.get('tag:b')]).toEqual([1, 2]);
    expect(readdirSync(join(dir, 'c'))).toEqual(['cache.json']);
  });

  test('a corrupt or foreign file, or an entry it could not have written (forever for a tag, beyond the longest TTL), is not used, and is replaced at the next flush', async () => {
    const file = join(dir, 'cache.json');
    const far = now + 10_000;
    for (const text of ['{"format":1,"entries":', '{"format":2,"entries":{"tag:a":[null,1]}}', '[]', '{"format":1,"entries":{"tag:a":"x"}}', '{"format":1,"entries":{"tag:a":[null,1]}}', `{"format":1,"entries":{"tag:a":[${far},1]}}`]) {
      writeFileSync(file, text);
      const cache = open(file);
      expect(await cache.get('tag:a')).toBeUndefined();
      await cache.set('tag:a', 3, 1000);
      cache.flush();
      expect(await open(file).get('tag:a')).toBe(3);
    }
  });

  test('only the most recently written entries are kept past maxEntries', async () => {
    const cache = new FileCache(join(dir, 'small.json'), { maxAgeMs: 1000, immutable: () => true, maxEntries: 2, now: () => now });
    for (const key of ['k1', 'k2', 'k3']) await cache.set(key, key);
    cache.flush();
    const reread = new FileCache(join(dir, 'small.json'), { maxAgeMs: 1000, immutable: () => true, now: () => now });
    expect([await reread.get('k1'), await reread.get('k2'), await reread.get('k3')]).toEqual([undefined, 'k2', 'k3']);
  });
});
