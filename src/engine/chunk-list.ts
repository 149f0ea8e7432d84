import type { Chunk } from './spill.js';

/**
 * A list of spill-file chunks held as two flat arrays of numbers, not an object per chunk
 * (decision 58): the report keeps one or two chunks per file of the tree until it is written. A
 * chunk that starts where the last one ends extends it, since the file is read by range anyway.
 */
export class ChunkList implements Iterable<Chunk> {
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];

  push(chunk: Chunk): void {
    const last = this.offsets.length - 1;
    if (last >= 0 && this.offsets[last]! + this.lengths[last]! === chunk.offset) this.lengths[last]! += chunk.length;
    else {
      this.offsets.push(chunk.offset);
      this.lengths.push(chunk.length);
    }
  }

  /** How many ranges are held (after joining adjacent chunks). */
  get length(): number {
    return this.offsets.length;
  }

  *[Symbol.iterator](): Generator<Chunk> {
    for (let i = 0; i < this.offsets.length; i++) yield { offset: this.offsets[i]!, length: this.lengths[i]! };
  }
}
