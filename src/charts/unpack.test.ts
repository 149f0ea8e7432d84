import { gzipSync } from 'node:zlib';
import { packChart } from '../../test/harness/chart.js';
import { unpackChart } from './unpack.js';

test('Chart.yaml, values.yaml and subcharts (nested archives) are read; templates are not', async () => {
  const archive = await packChart({ name: 'registry', version: '1.2.0', appVersion: '2.11.0', values: 'image:\n  tag: dev\n', subcharts: [{ name: 'postgresql', version: '15.5.0', values: 'image:\n  tag: "16"\n' }] });
  const { files, refused } = await unpackChart(archive);
  expect([...files.keys()].sort()).toEqual(['Chart.yaml', 'charts/postgresql/Chart.yaml', 'charts/postgresql/values.yaml', 'values.yaml']);
  expect(files.get('charts/postgresql/values.yaml')).toBe('image:\n  tag: "16"\n');
  expect(refused).toEqual([]);
});

test('hostile archives: traversal and links are refused, huge files are refused, nothing else is lost', async () => {
  const archive = await packChart({
    name: 'evil', version: '0.1.0', values: 'image: nginx:1.27\n',
    extra: [
      { name: 'evil/../../etc/values.yaml', content: 'x' },
      { name: 'evil/charts/sub/values.yaml', type: 'symlink', linkname: '/etc/passwd' },
      { name: 'evil/charts/big/values.yaml', content: 'a'.repeat(3 * 1024 * 1024) },
    ],
  });
  const { files, refused } = await unpackChart(archive);
  expect(files.get('values.yaml')).toBe('image: nginx:1.27\n');
  expect(files.has('charts/sub/values.yaml') || files.has('charts/big/values.yaml')).toBe(false);
  expect(refused).toEqual([
    'evil/../../etc/values.yaml: path outside the chart',
    'evil/charts/sub/values.yaml: links are not followed',
    'evil/charts/big/values.yaml: 3145728 bytes, over the 2097152-byte limit',
  ]);
});

test('a gzip bomb stops at the output cap with an explanation', async () => {
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
  await expect(unpackChart(bomb, { maxUnpackedBytes: 8 * 1024 * 1024, maxFileBytes: 1024, maxEntries: 10 })).rejects.toThrow(/chart archive is not a gzip file of at most 8388608 bytes/);
});
