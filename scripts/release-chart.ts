// The chart's release step: a copy of helm/imagepin whose version, appVersion and image digest are
// the release's. The source tree carries no digest (the image does not exist until it is built), so
// only a released chart pins `repository:version@digest`. Edits go through yaml's Document API,
// which keeps every comment of values.yaml.
//   node bench/out/scripts/release-chart.js OUT_DIR VERSION sha256:DIGEST   (after `npm run gen:docs`'s tsc)
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

export interface ChartRelease {
  version: string;
  /** The published image's digest (sha256:…), as the registry reports it after the push. */
  digest: string;
}

/** Copies the chart in `source` to `dest` and writes the release's version and image digest into it. */
export function releaseChart(source: string, dest: string, release: ChartRelease): void {
  if (!/^sha256:[a-f0-9]{64}$/.test(release.digest)) throw new Error(`not an image digest: ${release.digest} (expected sha256: and 64 hex digits)`);
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(release.version)) throw new Error(`not a release version: ${release.version} (expected semver, e.g. 1.2.3)`);
  cpSync(source, dest, { recursive: true });
  edit(join(dest, 'Chart.yaml'), (doc) => {
    doc.set('version', release.version);
    doc.set('appVersion', release.version);
  });
  edit(join(dest, 'values.yaml'), (doc) => {
    doc.setIn(['image', 'tag'], '');
    doc.setIn(['image', 'digest'], release.digest);
  });
}

function edit(file: string, change: (doc: ReturnType<typeof parseDocument>) => void): void {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  change(doc);
  writeFileSync(file, doc.toString());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dest, version, digest] = process.argv.slice(2);
  if (!dest || !version || !digest) {
    console.error('usage: release-chart OUT_DIR VERSION sha256:DIGEST');
    process.exit(2);
  }
  releaseChart(fileURLToPath(new URL('../../../helm/imagepin', import.meta.url)), dest, { version, digest });
}
