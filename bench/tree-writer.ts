// The bench trees' one way of writing files: folders made as needed, files and bytes counted.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface TreeWriter {
  /** Writes `text` at `path` under the root. */
  write(path: string, text: string): void;
  /** How many files and bytes were written so far. */
  totals(): { files: number; bytes: number };
}

export function treeWriter(root: string): TreeWriter {
  let files = 0;
  let bytes = 0;
  return {
    write(path, text) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
      files++;
      bytes += Buffer.byteLength(text);
    },
    totals: () => ({ files, bytes }),
  };
}
