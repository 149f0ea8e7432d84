import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load.js';
import { analyze } from '../../src/engine/analyze.js';
import { batches, toAnnotations } from '../../src/reporters/annotations.js';
import { GITHUB_COMMENT_LIMIT, STICKY_MARKER, toMarkdown } from '../../src/reporters/markdown.js';
import { toSarif } from '../../src/reporters/sarif.js';
import { LocalSource } from '../../src/sources/local.js';

// ajv-draft-04 is CommonJS (module.exports is the class); typed here by what the test uses.
type Validator = ((data: unknown) => boolean) & { errors?: unknown };
const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04') as new (options: object) => { compile(schema: object): Validator };
const addFormats = require('ajv-formats') as (ajv: object) => void;
const example = fileURLToPath(new URL('../../examples/gitops', import.meta.url));
const golden = (name: string) => fileURLToPath(new URL(`golden/${name}`, import.meta.url));

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it (then review the diff). */
function expectGolden(name: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden(name))) writeFileSync(golden(name), actual);
  expect(actual).toBe(readFileSync(golden(name), 'utf8'));
}

async function exampleAnalysis() {
  const config = loadConfig('mirrors:\n  docker.io: harbor.example.com/dockerhub\n');
  if (!config.ok) throw new Error('config');
  return analyze({ head: new LocalSource(example), config: config.config });
}

test('Markdown comment of the example repository (golden)', async () => {
  const { inventory, findings } = await exampleAnalysis();
  const markdown = toMarkdown(inventory, findings, { linkBase: 'https://github.com/acme/gitops/blob/0123abc/', docs: 'https://github.com/acme/imagepin/blob/HEAD/docs' });
  expect(markdown.startsWith(`${STICKY_MARKER}\n### ❌ imagepin: 8 errors block the merge; 25 warnings do not\n`)).toBe(true);
  expectGolden('example.md', markdown);
});

test('SARIF of the example repository is valid SARIF 2.1.0 (schema) and matches its golden file', async () => {
  const { inventory, findings } = await exampleAnalysis();
  const sarif = toSarif(findings, '0.1.0', 'https://github.com/acme/imagepin/blob/HEAD/docs', 'https://github.com/acme/imagepin', inventory.notFollowed);
  expect(sarif.runs[0]?.tool.driver.rules?.find((r) => r.id === 'floating-tag')?.help?.markdown).toContain('## Why: the incident it prevents');
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  expect(validate(sarif) ? [] : validate.errors).toEqual([]);
  expect(sarif.runs[0]?.results?.length).toBe(findings.length);
  // What imagepin did not read is a note-level notification of the run, never a result (an alert).
  const notes = sarif.runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? [];
  expect(notes.length).toBe(inventory.notFollowed?.length);
  expect(notes.length).toBeGreaterThan(0);
  expect(new Set(notes.map((n) => n.level))).toEqual(new Set(['note']));
  // Each rule's help is its doc page word for word; the golden names the page, so editing a doc does not touch it.
  for (const rule of sarif.runs[0]!.tool.driver.rules!) {
    expect(rule.help?.markdown).toBe(readFileSync(fileURLToPath(new URL(`../../docs/rules/${rule.id}.md`, import.meta.url)), 'utf8'));
    rule.help = { text: `docs/rules/${rule.id}.md` };
  }
  expectGolden('example.sarif.json', `${JSON.stringify(sarif, null, 2)}\n`);
});

test('check-run annotations: the risk in words as title, failure/warning/notice levels, columns only on one line, batches of 50', async () => {
  const { findings } = await exampleAnalysis();
  const annotations = toAnnotations(findings);
  expect(annotations[0]).toEqual({
    path: 'apps/builds/application.yaml', start_line: 19, end_line: 19, start_column: 21, end_column: 30, annotation_level: 'warning', title: 'Pulled from a public registry (public-registry)',
    message: '`bitnami/redis:7.4.0` is pulled from docker.io although the mirror harbor.example.com/dockerhub is configured: Docker Hub rate-limits pulls, which stops pods from starting mid-upgrade; imagepin did not check the mirror (offline).\nFix: Use the mirror: `harbor.example.com/dockerhub/bitnami/redis:7.4.0`, after checking it serves the same digest.',
  });
  expect(new Set(annotations.map((a) => a.annotation_level))).toEqual(new Set(['failure', 'warning']));
  expect(batches(Array.from({ length: 120 }, (_, i) => i)).map((b) => b.length)).toEqual([50, 50, 20]);
});

test('a huge report is summarised under GitHub\'s limit, and never cut inside an image block', async () => {
  const { inventory, findings } = await exampleAnalysis();
  const many = Array.from({ length: 400 }, (_, i) => findings.map((f) => ({ ...f, file: `apps/team-${i}/${f.file}`, ...(f.reference && { reference: `${f.reference}-${i}` }) }))).flat();
  const markdown = toMarkdown(inventory, many);
  expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  expect(markdown).toMatch(/…and \d+ images, \d+ findings more: each is annotated in the check run\./);
  // Every block that is shown is whole: its heading, its lines, and each risk with its fix.
  const blocks = markdown.split('\n#### ').slice(1, -1);
  expect(blocks.length).toBeGreaterThan(10);
  for (const block of blocks) expect(block.match(/^- .*\n {2}\*\*Fix:\*\* /gm)?.length).toBe(block.match(/^- /gm)?.length);
  const small = toMarkdown(inventory, findings, { maxLength: 3000 });
  expect(small.length).toBeLessThanOrEqual(3000);
  expect(small).not.toContain('<details><summary>All 16 image references');
});

test('an all-clear comment says so in one line', async () => {
  const { inventory } = await exampleAnalysis();
  expect(toMarkdown(inventory, []).split('\n').slice(0, 2)).toEqual([STICKY_MARKER, '### ✅ imagepin: no risks found in 16 image references']);
});
