// Startup benchmark: a 1-file `scan --offline` in a fresh process, the CLI bundle (made here by
// scripts/bundle.mjs, as `npm run build` makes dist/bin) and the unbundled modules, against `node -e 0`, in turn.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle, bundledCli, cli, median, timed } from './child.js';
import type { Row } from './extraction.js';

/** Runs both commands `runs` times alternately (IMAGEPIN_BENCH_NODE picks another node binary) and returns table rows. */
export function benchStartup(runs = Number(process.env.IMAGEPIN_BENCH_RUNS ?? 11), node = process.env.IMAGEPIN_BENCH_NODE ?? process.execPath): Row[] {
  const root = mkdtempSync(join(tmpdir(), 'imagepin-startup-'));
  try {
    mkdirSync(join(root, 'tree'));
    writeFileSync(join(root, 'tree', 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: { name: web }\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n');
    const out = join(root, 'out.json');
    buildBundle();
    const bare: number[] = [];
    const scan: number[] = [];
    const modules: number[] = [];
    const once = (entry: string): number => {
      const run = timed(node, [entry, 'scan', join(root, 'tree'), '--offline', '--format', 'json'], out);
      if (run.code !== 0) throw new Error(`startup scan (${entry}) exited ${run.code}`);
      return run.wallMs;
    };
    for (let i = 0; i < runs; i++) {
      bare.push(timed(node, ['-e', '0'], out).wallMs);
      scan.push(once(bundledCli));
      modules.push(once(cli));
    }
    const ratios = scan.map((ms, i) => ms / bare[i]!);
    const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    return [
      ['startup', 'node of the runs', version],
      ['startup', `\`node -e 0\`, median of ${runs} (s)`, (median(bare) / 1000).toFixed(3)],
      ['startup', `1-file \`scan --offline --format json\`, the bundle, median of ${runs} (s)`, (median(scan) / 1000).toFixed(3)],
      ['startup', `the same, unbundled modules, median of ${runs} (s)`, (median(modules) / 1000).toFixed(3)],
      ['startup', 'bundle over `node -e 0`, median of the per-pair ratios', `${median(ratios).toFixed(2)}×`],
      ['startup', 'unbundled over `node -e 0`, median of the per-pair ratios', `${median(modules.map((ms, i) => ms / bare[i]!)).toFixed(2)}×`],
      ['startup', 'scan minus `node -e 0`, median (s)', (median(scan.map((ms, i) => ms - bare[i]!)) / 1000).toFixed(3)],
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
