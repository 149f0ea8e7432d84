import { packChart } from '../../test/harness/chart.js';
import type { ChartRef } from '../model/file-result.js';
import { defaultOccurrences } from './defaults.js';
import { helmMerge } from './merge.js';
import { unpackChart } from './unpack.js';

const span = { start: { line: 7, col: 16, offset: 100 }, end: { line: 7, col: 22, offset: 106 } };
const ref: ChartRef = { file: 'apps/app.yaml', document: 0, format: 'flux', type: 'helm', path: ['spec', 'chart', 'spec'], owner: { kind: 'HelmRelease', name: 'app', chart: 'app', version: '1.0.0' }, chart: 'app', version: '1.0.0', span, valuesPath: ['spec', 'values'] };

test("Helm's merge: maps merge, lists and scalars are replaced, null deletes", () => {
  expect(helmMerge({ a: { b: 1, c: [1, 2] }, d: 'x', e: 1 }, { a: { c: [3] }, d: null, f: true })).toEqual({ a: { b: 1, c: [3] }, e: 1, f: true });
});

test('subcharts count unless their condition is false in the merged values; overridden parts are not chart defaults', async () => {
  const chart = { version: '1.0.0', ...(await unpackChart(await packChart({
    name: 'app', version: '1.0.0', values: 'image:\n  repository: ghcr.io/acme/app\n  tag: "1.0.0"\n',
    chartYaml: 'dependencies:\n  - name: postgresql\n    version: 15.5.0\n    condition: postgresql.enabled\n',
    subcharts: [{ name: 'postgresql', version: '15.5.0', values: 'enabled: true\nimage:\n  repository: bitnami/postgresql\n  tag: 16.4.0\n' }],
  }))) };
  const names = (overrides: unknown) => defaultOccurrences(ref, chart, overrides).map((o) => `${o.reference?.canonical} ${o.path.join('.')}`).sort();
  expect(names({})).toEqual(['docker.io/bitnami/postgresql:16.4.0 spec.values.postgresql.image', 'ghcr.io/acme/app:1.0.0 spec.values.image']);
  expect(names({ postgresql: { enabled: false } })).toEqual(['ghcr.io/acme/app:1.0.0 spec.values.image']);
  // Written whole in the repository: the repository's own occurrence reports it, not the chart defaults.
  expect(names({ image: { repository: 'ghcr.io/acme/app', tag: '1.0.1' }, postgresql: { enabled: false } })).toEqual([]);
  expect(defaultOccurrences(ref, chart, {})[0]?.parts.repository?.span).toEqual(span);
});

test("a HelmRelease's valuesFrom layers count as the repository's values, under its spec.values", async () => {
  const chart = { version: '1.0.0', ...(await unpackChart(await packChart({
    name: 'app', version: '1.0.0', values: 'image:\n  repository: ghcr.io/acme/app\n  tag: "1.0.0"\nhelper:\n  image:\n    repository: ghcr.io/acme/helper\n    tag: "0.3.0"\n',
  }))) };
  const names = (extra: Partial<ChartRef>) => defaultOccurrences({ ...ref, ...extra }, chart).map((o) => `${o.reference?.canonical} ${o.notes?.[0]}`);
  const fromFile = { image: { repository: 'ghcr.io/acme/app', tag: '1.0.2' }, helper: { image: { tag: '0.3.1' } } };
  // The values file sets the app whole (its own occurrence reports it) and the helper's tag; spec.values wins over the file.
  expect(names({ valuesFrom: fromFile })).toEqual(['ghcr.io/acme/helper:0.3.1 tag set by the repository; repository from the chart']);
  expect(names({ valuesFrom: fromFile, values: { helper: { image: { tag: '0.3.2' } } } })).toEqual(['ghcr.io/acme/helper:0.3.2 tag set by the repository; repository from the chart']);
});
