import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import { compare, parseKey } from '../../scripts/fidelity/compare.js';
import { fidelityCompare } from '../../scripts/fidelity-compare.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/fidelity', import.meta.url));
let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'imagepin-fidelity-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function scanJson(tree: string): Promise<string> {
  let stdout = '';
  const code = await main(['scan', tree, '--offline', '--format', 'json'], { stdout: (t) => (stdout += t), stderr: () => undefined, isTTY: false }, {});
  expect(code).toBe(0);
  const path = join(work, 'scan.json');
  writeFileSync(path, stdout);
  return path;
}

test('a real offline scan of the tiny tree: found, missed and extra against the key', async () => {
  let out = '';
  const code = fidelityCompare(join(fixtures, 'tiny.key.tsv'), await scanJson(join(fixtures, 'tree')), (t) => (out += t));
  expect(code).toBe(1);
  const [summary, ...details] = out.trimEnd().split('\n');
  expect(summary).toBe('tiny: key 4, found 3, missed 1, extra 1 (recall 75.0 %, precision 75.0 %)');
  expect(details).toEqual(['  missed apps/values.yaml:5 quay.io/acme/cache:1.0 (not reported)', '  extra  apps/worker.yaml:15 busybox:1.36 (kubernetes)']);
});

test('a reference reported on the key line but written differently is a miss that names what was reported, and an extra', () => {
  const key = parseKey('file\tline\treference\tcommit\tnote\na.yaml\t3\tnginx:1.27\tabc\t\n');
  const result = compare(key, [{ file: 'a.yaml', line: 3, raw: 'nginx:1.26' }]);
  expect(result.missed).toEqual([{ row: key[0], reportedAs: 'nginx:1.26' }]);
  expect(result.extra).toHaveLength(1);
});

test('<...> in a key stands for one part the tree does not hold; an implied occurrence is placed by its parts', () => {
  const key = parseKey('f.yaml\t3\tfactory.talos.dev/metal-installer/<schematic ID>:v1.13.6\tabc\tinstaller\n');
  const implied = (raw: string) => ({ file: 'f.yaml', raw, parts: { tag: { span: { start: { line: 3 } } } } });
  expect(compare(key, [implied('factory.talos.dev/metal-installer/<schematic ID>:v1.13.6')]).found).toHaveLength(1);
  expect(compare(key, [implied('factory.talos.dev/installer/<schematic ID>:v1.13.6')]).found).toHaveLength(0);
  expect(compare(key, [implied('factory.talos.dev/metal-installer/<schematic ID>:v1.12.0')]).found).toHaveLength(0);
});

test('a key row with an argocd-vault-plugin placeholder matches the occurrence written the same', () => {
  const key = parseKey('d.yaml\t9\tregistry.<path:kv/data/cluster#host>/tools/eagle:2.1\tabc\tavp\n');
  expect(compare(key, [{ file: 'd.yaml', line: 9, raw: 'registry.<path:kv/data/cluster#host>/tools/eagle:2.1' }]).found).toHaveLength(1);
  expect(compare(key, [{ file: 'd.yaml', line: 9, raw: 'registry.<path:kv/data/cluster#host>/tools/eagle:2.2' }]).found).toHaveLength(0);
});

test('one occurrence answers one key row: the same reference on two rows needs two occurrences', () => {
  const key = parseKey('a.yaml\t3\tredis:7\tabc\t\na.yaml\t3\tredis:7\tabc\t\n');
  expect(compare(key, [{ file: 'a.yaml', line: 3, raw: 'redis:7' }]).missed).toHaveLength(1);
});

test('a malformed key line is an error that names the line', () => {
  expect(() => parseKey('# comment\na.yaml\tthree\tnginx\n')).toThrow('key line 2: expected');
});
