import { packChart } from '../../test/harness/chart.js';
import type { ChartRef } from '../model/file-result.js';
import { chartDefaults } from './defaults.js';
import { unpackChart } from './unpack.js';

const span = { start: { line: 9, col: 16, offset: 120 }, end: { line: 9, col: 21, offset: 125 } };
const ref: ChartRef = { file: 'apps/wiki.yaml', document: 0, format: 'flux', type: 'helm', path: ['spec', 'chart', 'spec'], owner: { kind: 'HelmRelease', name: 'wiki', chart: 'wiki', version: '2.1.0' }, chart: 'wiki', version: '2.1.0', span, valuesPath: ['spec', 'values'] };

const values = 'image:\n  repository: ghcr.io/example/wiki\n  tag: "2.1.0"\nexporter:\n  enabled: false\n  image:\n    repository: ghcr.io/example/wiki-exporter\n    tag: "0.4.0"\n';

test('a default image under `enabled: false` is a notice at the chart reference, not a chart-default occurrence; enabling it makes it one', async () => {
  const chart = { version: '2.1.0', ...(await unpackChart(await packChart({ name: 'wiki', version: '2.1.0', values }))) };
  const off = chartDefaults(ref, chart, {});
  expect(off.occurrences.map((o) => o.raw)).toEqual(['ghcr.io/example/wiki:2.1.0']);
  expect(off.disabled).toEqual([{
    file: 'apps/wiki.yaml', code: 'disabled-in-values', url: 'ghcr.io/example/wiki-exporter:0.4.0', field: 'exporter.enabled', chart: 'wiki 2.1.0', path: ['exporter', 'image'], span,
    message: 'imagepin did not check ghcr.io/example/wiki-exporter:0.4.0, a default image of chart wiki 2.1.0 (values exporter.image) for the release at apps/wiki.yaml:9: the values set `exporter.enabled: false`, and by the usual chart convention nothing under a disabled block is deployed; if the chart deploys it anyway, it is not checked',
  }]);
  const on = chartDefaults(ref, chart, { exporter: { enabled: true } });
  expect(on.occurrences.map((o) => o.raw).sort()).toEqual(['ghcr.io/example/wiki-exporter:0.4.0', 'ghcr.io/example/wiki:2.1.0']);
  expect(on.disabled).toEqual([]);
});

test('disabled by the repository: an image the repository writes whole has its own notice, one it only retags is named at the chart', async () => {
  const chart = { version: '2.1.0', ...(await unpackChart(await packChart({ name: 'wiki', version: '2.1.0', values: values.replace('enabled: false', 'enabled: true') }))) };
  expect(chartDefaults(ref, chart, { exporter: { enabled: false, image: { repository: 'ghcr.io/example/other', tag: '1.0.0' } } }).disabled).toEqual([]);
  const retagged = chartDefaults(ref, chart, { exporter: { enabled: false, image: { tag: '0.5.0' } } });
  expect(retagged.occurrences.map((o) => o.raw)).toEqual(['ghcr.io/example/wiki:2.1.0']);
  expect(retagged.disabled.map((n) => n.url)).toEqual(['ghcr.io/example/wiki-exporter:0.5.0']);
});

test('decision 64: a valuesFrom layer that sets the key true, or one imagepin cannot read, makes the disabled default an occurrence; spec.values merged last keeps it off', async () => {
  const chart = { version: '2.1.0', ...(await unpackChart(await packChart({ name: 'wiki', version: '2.1.0', values }))) };
  const raws = (r: ChartRef) => chartDefaults(r, chart).occurrences.map((o) => o.raw).sort();
  expect(raws({ ...ref, valuesFromSwitches: { exporter: { enabled: true } } })).toEqual(['ghcr.io/example/wiki-exporter:0.4.0', 'ghcr.io/example/wiki:2.1.0']);
  const secret = { ...ref, valuesFromUnknown: 'values from Secret wiki-values are not in the repository' };
  const unknown = chartDefaults(secret, chart);
  expect(unknown.disabled).toEqual([]);
  expect(unknown.occurrences.find((o) => o.raw.includes('exporter'))?.notes).toContainEqual(expect.stringContaining('a valuesFrom layer imagepin cannot read may enable it (values from Secret wiki-values'));
  const keptOff = chartDefaults({ ...secret, values: { exporter: { enabled: false } } }, chart);
  expect(keptOff.occurrences.map((o) => o.raw)).toEqual(['ghcr.io/example/wiki:2.1.0']);
  expect(keptOff.disabled.map((n) => n.url)).toEqual(['ghcr.io/example/wiki-exporter:0.4.0']);
});
