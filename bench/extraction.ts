// Extraction benchmark: a synthetic repository of ~5,000 files scanned by the CLI code path.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateRepo } from './generate-repo.js';

const measure = fileURLToPath(new URL('measure-scan.js', import.meta.url));

export type Row = [string, string, string | number];

/** Generates the repository, scans it `runs` times in fresh processes, and returns table rows. */
export function benchExtraction(runs = 3): Row[] {
  const root = mkdtempSync(join(tmpdir(), 'imagepin-bench-'));
  try {
    const { files, bytes } = generateRepo(root);
    const results: { wallMs: number; maxRssMB: number; occurrences: number; outputBytes: number }[] = [];
    for (let i = 0; i < runs; i++) results.push(JSON.parse(execFileSync(process.execPath, [measure, root], { encoding: 'utf8' })));
    const wall = results.map((r) => r.wallMs).sort((a, b) => a - b);
    const median = wall[Math.floor(wall.length / 2)]!;
    const rss = Math.max(...results.map((r) => r.maxRssMB));
    const { occurrences, outputBytes } = results[0]!;
    return [
      ['extraction', 'files in repository', files],
      ['extraction', 'image references found', occurrences],
      ['extraction', 'repository size (MB)', (bytes / 1e6).toFixed(2)],
      ['extraction', `scan wall time, median of ${runs} (s)`, (median / 1000).toFixed(2)],
      ['extraction', 'files per second', Math.round(files / (median / 1000))],
      ['extraction', 'MB per second', (bytes / 1e6 / (median / 1000)).toFixed(2)],
      ['extraction', 'peak RSS of the scan process (MB)', rss.toFixed(0)],
      ['extraction', 'JSON output (MB)', (outputBytes / 1e6).toFixed(1)],
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
