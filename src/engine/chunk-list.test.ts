import { ChunkList } from './chunk-list.js';
import { SpillFile } from './spill.js';

describe('ChunkList', () => {
  it('gives back the chunks in order, joining one that starts where the last ends', () => {
    const list = new ChunkList();
    list.push({ offset: 0, length: 3 });
    list.push({ offset: 3, length: 2 });
    list.push({ offset: 9, length: 4 });
    list.push({ offset: 1, length: 1 });
    expect([...list]).toEqual([
      { offset: 0, length: 5 },
      { offset: 9, length: 4 },
      { offset: 1, length: 1 },
    ]);
    expect(list.length).toBe(3);
  });

  it('copies the same text out of a spill file as the chunks one by one', () => {
    const spill = new SpillFile(4);
    try {
      const list = new ChunkList();
      const texts = [',{"a":1}', ',"é"', ',2', ',{"b":"ü"}'];
      const chunks = texts.map((t) => spill.append(t));
      for (const i of [0, 1, 3, 2]) list.push(chunks[i]!);
      expect([...spill.copy(list, 1)].join('')).toBe('{"a":1},"é",{"b":"ü"},2');
      expect(list.length).toBe(3);
    } finally {
      spill.close();
    }
  });
});
