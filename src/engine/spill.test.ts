import { existsSync } from 'node:fs';
import { SpillFile } from './spill.js';

describe('SpillFile', () => {
  it('reads back each appended text by its chunk, flushed or not, multi-byte characters included', () => {
    const spill = new SpillFile();
    try {
      const texts = ['{"a":1}', 'ünïcödé ✓ 𝄞', '', 'x'.repeat(70_000), 'after the flush'];
      const chunks = texts.map((t) => spill.append(t));
      expect(chunks.map((c) => spill.read(c))).toEqual(texts);
      expect(chunks[1]).toEqual({ offset: 7, length: Buffer.byteLength(texts[1]!) });
      expect(spill.size).toBe(texts.reduce((n, t) => n + Buffer.byteLength(t), 0));
    } finally {
      spill.close();
    }
  });

  it('copies chunks in the order given, joining neighbours, skipping bytes of the first only, never splitting a character', () => {
    const spill = new SpillFile(5);
    try {
      const [a, b, c, d] = [',ab€', ',cd𝄞', ',ef', ',gh'].map((t) => spill.append(t));
      // c, d follow each other in the file; a comes after them here; b is left out.
      expect([...spill.copy([c!, d!, a!], 1)].join('')).toBe('ef,gh,ab€');
      const pieces = [...spill.copy([a!, b!])];
      expect(pieces.join('')).toBe(',ab€,cd𝄞');
      expect(pieces.length).toBeGreaterThan(1);
      expect([...spill.copy([])]).toEqual([]);
    } finally {
      spill.close();
    }
  });

  it('removes its folder on close, twice is harmless, and refuses to be used after', () => {
    const spill = new SpillFile();
    const chunk = spill.append('held');
    expect(existsSync(spill.folder)).toBe(true);
    spill.close();
    spill.close();
    expect(existsSync(spill.folder)).toBe(false);
    expect(() => spill.read(chunk)).toThrow('the spill file is closed');
  });
});
