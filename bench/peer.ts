// Extraction side by side: imagepin's CLI bundle (what `npm run build` writes to dist/bin and users
// run, built here from this checkout) and Renovate 44 (the peer harness) on the same synthetic
// trees, in turn, as child processes timed by GNU time (GNU time's wall includes Node's start-up).
// Not the tsc output: that loads some 200 modules at start-up. Ratios are per pair: the machine is shared.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle, clockMs, median, renovateHarness, timed, type ChildRun } from './child.js';
import type { Row } from './extraction.js';
import { generateArgo } from './generate-argo.js';
import { generateHomeOps } from './generate-home-ops.js';
import { generateRepo } from './generate-repo.js';

/** The trees: `home-ops` (generate-home-ops.ts), `argo` (generate-argo.ts) and N for N copies of generate-repo.ts's 5,000-file mix. */
function generate(tree: string, into: string): { files: number; label: string } {
  if (tree === 'home-ops') return { files: generateHomeOps(into).files, label: 'home-ops-like' };
  if (tree === 'argo') return { files: generateArgo(into).files, label: 'Argo CD-like' };
  const { files } = generateRepo(into, Number(tree));
  return { files, label: `${files.toLocaleString('en')} synthetic` };
}

const fmt = (ms: number): string => (ms / 1000).toFixed(2);

function renovate(harness: string, tree: string, out: string): ChildRun & { refs: number } {
  const run = timed('bash', [harness, '-v', '44', '-o', out, tree], join(out, '..', 'renovate-summary.txt'));
  if (run.code !== 0) throw new Error(`the Renovate harness exited ${run.code}; see its output in ${out}`);
  const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { wall: string; max_rss_kb: number; image_refs: number };
  // The harness times Renovate itself (not its copy of the tree into a git repository), with GNU time -v.
  const time = readFileSync(join(out, 'time.txt'), 'utf8');
  const cpuMs = ['User', 'System'].reduce((sum, what) => sum + Number(new RegExp(`${what} time \\(seconds\\): ([\\d.]+)`).exec(time)?.[1] ?? NaN) * 1000, 0);
  return { code: 0, wallMs: clockMs(summary.wall), rssMiB: summary.max_rss_kb / 1024, cpuMs, refs: summary.image_refs };
}

/**
 * IMAGEPIN_BENCH_TREES (default "home-ops,argo,1": the home-ops-like and Argo CD-like trees and 5,000 files; "home-ops,argo,1,4,10" adds 20k and 50k)
 * and IMAGEPIN_BENCH_PEER_RUNS (default 3) set the trees and the pairs per tree. IMAGEPIN_BENCH_PEER_SKIP lists
 * trees on which Renovate is not run (it takes minutes on 50k files). Without the harness the Renovate rows say why.
 */
export function benchPeer(trees = (process.env.IMAGEPIN_BENCH_TREES ?? process.env.IMAGEPIN_BENCH_COPIES ?? 'home-ops,argo,1').split(','), runs = Number(process.env.IMAGEPIN_BENCH_PEER_RUNS ?? 3)): Row[] {
  const skip = new Set((process.env.IMAGEPIN_BENCH_PEER_SKIP ?? '').split(','));
  const harness = renovateHarness();
  const cli = buildBundle();
  const rows: Row[] = [['peer', 'imagepin run as', 'the CLI bundle (scripts/bundle.mjs, as dist/bin/imagepin.js)']];
  if (!harness) rows.push(['peer', 'Renovate', 'skipped: no peer harness at ../shared/peers/renovate/run.sh (or IMAGEPIN_PEER_RENOVATE)']);
  for (const name of trees) {
    const root = mkdtempSync(join(tmpdir(), 'imagepin-peer-'));
    try {
      const tree = join(root, 'tree');
      const { files, label: kind } = generate(name, tree);
      const label = `${kind}, ${files.toLocaleString('en')} files`;
      const ours: ChildRun[] = [];
      const theirs: (ChildRun & { refs: number })[] = [];
      let output = '';
      for (let i = 0; i < runs; i++) {
        const run = timed(process.execPath, [cli, 'scan', tree, '--offline', '--format', 'json'], join(root, 'out.json'), join(root, 'time.txt'));
        if (run.code !== 0) throw new Error(`imagepin scan exited ${run.code}`);
        ours.push(run);
        output = readFileSync(join(root, 'out.json'), 'utf8');
        if (harness && !skip.has(name)) theirs.push(renovate(harness, tree, join(root, 'renovate')));
      }
      const summary = JSON.parse(/"summary":(\{[^}]*\})/.exec(output)![1]!) as { occurrences: number };
      rows.push(
        ['peer', `${label}: imagepin references found`, summary.occurrences],
        ['peer', `${label}: imagepin wall, median of ${runs} (s)`, fmt(median(ours.map((r) => r.wallMs)))],
        ['peer', `${label}: imagepin user+sys CPU, median of ${runs} (s)`, fmt(median(ours.map((r) => r.cpuMs ?? NaN)))],
        ['peer', `${label}: imagepin peak RSS, max (MiB)`, Math.max(...ours.map((r) => r.rssMiB ?? NaN)).toFixed(0)],
      );
      if (theirs.length > 0) {
        rows.push(
          ['peer', `${label}: Renovate image references found`, theirs[0]!.refs],
          ['peer', `${label}: Renovate wall, median of ${runs} (s)`, fmt(median(theirs.map((r) => r.wallMs)))],
          ['peer', `${label}: Renovate user+sys CPU, median of ${runs} (s)`, fmt(median(theirs.map((r) => r.cpuMs ?? NaN)))],
          ['peer', `${label}: Renovate peak RSS, max (MiB)`, Math.max(...theirs.map((r) => r.rssMiB!)).toFixed(0)],
          ['peer', `${label}: Renovate CPU / imagepin CPU, per pair`, theirs.map((r, i) => `${(r.cpuMs! / ours[i]!.cpuMs!).toFixed(1)}×`).join(', ')],
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
