import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load.js';
import { analyze } from '../../src/engine/analyze.js';
import { toSarif } from '../../src/reporters/sarif.js';
import { toSarifChunks } from '../../src/reporters/sarif-chunks.js';
import { toTextChunks } from '../../src/reporters/text.js';
import { LocalSource } from '../../src/sources/local.js';
import { expectGolden } from '../helpers/golden.js';

const example = fileURLToPath(new URL('../../examples/gitops', import.meta.url));
const docs = 'https://github.com/acme/imagepin/blob/HEAD/docs';
const home = 'https://github.com/acme/imagepin';

async function exampleAnalysis() {
  const config = loadConfig('');
  if (!config.ok) throw new Error('config');
  return analyze({ head: new LocalSource(example), config: config.config });
}
const exampleFindings = async () => (await exampleAnalysis()).findings;

test('SARIF written in chunks is the text of the whole log, byte for byte, and more than one chunk', async () => {
  const findings = await exampleFindings();
  expect(findings.length).toBeGreaterThan(10);
  const chunks = [...toSarifChunks(findings, '0.1.0', docs, home)];
  expect(chunks.length).toBe(findings.length + 2);
  expect(chunks.join('')).toBe(`${JSON.stringify(toSarif(findings, '0.1.0', docs, home), null, 2)}\n`);
  expect(JSON.parse(chunks.join('')).runs[0].results).toHaveLength(findings.length);
});

test('SARIF in chunks with notices: the same text as the whole log, the notices in the run before its results', async () => {
  const { findings, inventory } = await exampleAnalysis();
  const notices = inventory.notFollowed ?? [];
  expect(notices.length).toBeGreaterThan(0);
  const text = [...toSarifChunks(findings, '0.1.0', docs, home, notices)].join('');
  expect(text).toBe(`${JSON.stringify(toSarif(findings, '0.1.0', docs, home, notices), null, 2)}\n`);
  const run = JSON.parse(text).runs[0];
  expect(run.results).toHaveLength(findings.length);
  expect(run.invocations[0].toolExecutionNotifications.map((n: { descriptor: { id: string } }) => n.descriptor.id)).toEqual(notices.map((n) => n.code));
});

test('SARIF of a scan without findings is the whole log, with an empty results array', () => {
  const text = [...toSarifChunks([], '0.1.0', docs, home)].join('');
  expect(text).toBe(`${JSON.stringify(toSarif([], '0.1.0', docs, home), null, 2)}\n`);
  expect(JSON.parse(text).runs[0].results).toEqual([]);
});

test('the text report, written a file at a time, is the report of the example repository (golden)', async () => {
  const config = loadConfig('mirrors:\n  docker.io: harbor.example.com/dockerhub\n');
  if (!config.ok) throw new Error('config');
  const { inventory, findings } = await analyze({ head: new LocalSource(example), config: config.config });
  const chunks = [...toTextChunks(inventory, false, findings)];
  const files = new Set([...inventory.occurrences, ...findings, ...inventory.diagnostics, ...(inventory.notFollowed ?? [])].map((x) => x.file));
  expect(chunks).toHaveLength(files.size + 1);
  expectGolden(new URL('golden/example.text.txt', import.meta.url), chunks.join(''));
});
