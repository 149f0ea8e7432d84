// Extraction side by side: imagepin's CLI and Renovate 44 (the peer harness) on the same synthetic
// trees, in turn, as child processes timed by GNU time (GNU time's wall includes
// Node's start-up). Ratios are per pair: the machine is shared.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, clockMs, median, renovateHarness, timed, type ChildRun } from './child.js';
import type { Row } from './extraction.js';
import { generateRepo } from './generate-repo.js';

const fmt = (ms: number): string => (ms / 1000).toFixed(2);

function renovate(harness: string, tree: string, out: string): ChildRun & { refs: number } {
  const run = timed('bash', [harness, '-v', '44', '-o', out, tree], join(out, '..', 'renovate-summary.txt'));
  if (run.code !== 0) throw new Error(`the Renovate harness exited ${run.code}; see its output in ${out}`);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { wall: string; max_rss_kb: number; image_refs: number };
  // The harness times Renovate itself (not its copy of the tree into a git repository).
  return { code: 0, wallMs: clockMs(summary.wall), rssMiB: summary.max_rss_kb / 1024, refs: summary.image_refs };
}

/**
 * IMAGEPIN_BENCH_COPIES (default "1": 5,000 files; "1,4,10" adds 20k and 50k) and IMAGEPIN_BENCH_PEER_RUNS
 * (default 3) set the trees and the pairs per tree. Without the harness the Renovate rows say why.
 */
export function benchPeer(copies = (process.env.IMAGEPIN_BENCH_COPIES ?? '1').split(',').map(Number), runs = Number(process.env.IMAGEPIN_BENCH_PEER_RUNS ?? 3)): Row[] {
  const harness = renovateHarness();
  const rows: Row[] = [];
  if (!harness) rows.push(['peer', 'Renovate', 'skipped: no peer harness at ../shared/peers/renovate/run.sh (or IMAGEPIN_PEER_RENOVATE)']);
  for (const n of copies) {
    const root = mkdtempSync(join(tmpdir(), 'imagepin-peer-'));
    try {
      const tree = join(root, 'tree');
      const { files } = generateRepo(tree, n);
      const label = `${files.toLocaleString('en')} files`;
      const ours: ChildRun[] = [];
      const theirs: (ChildRun & { refs: number })[] = [];
      let output = '';
      for (let i = 0; i < runs; i++) {
        const run = timed(process.execPath, [cli, 'scan', tree, '--offline', '--format', 'json'], join(root, 'out.json'), join(root, 'time.txt'));
        if (run.code !== 0) throw new Error(`imagepin scan exited ${run.code}`);
        ours.push(run);
        output = readFileSync(join(root, 'out.json'), 'utf8');
        if (harness) theirs.push(renovate(harness, tree, join(root, 'renovate')));
      }
      const summary = JSON.parse(/"summary":(\{[^}]*\})/.exec(output)![1]!) as { occurrences: number };
      rows.push(
        ['peer', `${label}: imagepin references found`, summary.occurrences],
        ['peer', `${label}: imagepin wall, median of ${runs} (s)`, fmt(median(ours.map((r) => r.wallMs)))],
        ['peer', `${label}: imagepin peak RSS, max (MiB)`, Math.max(...ours.map((r) => r.rssMiB ?? NaN)).toFixed(0)],
      );
      if (theirs.length > 0) {
        rows.push(
          ['peer', `${label}: Renovate image references found`, theirs[0]!.refs],
          ['peer', `${label}: Renovate wall, median of ${runs} (s)`, fmt(median(theirs.map((r) => r.wallMs)))],
          ['peer', `${label}: Renovate peak RSS, max (MiB)`, Math.max(...theirs.map((r) => r.rssMiB!)).toFixed(0)],
          ['peer', `${label}: Renovate wall / imagepin wall, per pair`, theirs.map((r, i) => `${(r.wallMs / ours[i]!.wallMs).toFixed(1)}×`).join(', ')],
          ['peer', `${label}: Renovate RSS / imagepin RSS, per pair`, theirs.map((r, i) => `${(r.rssMiB! / ours[i]!.rssMiB!).toFixed(1)}×`).join(', ')],
        );
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return rows;
}
