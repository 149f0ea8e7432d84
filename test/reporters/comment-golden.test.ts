import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fixList, skippedList } from '../../src/app/fixes.js';
import { applyByFile } from '../../src/fixers/apply.js';
import { planFixes } from '../../src/fixers/plan.js';
import { toAnnotations } from '../../src/reporters/annotations.js';
import { checkOutput } from '../../src/reporters/check-summary.js';
import { GITHUB_COMMENT_LIMIT, toMarkdown } from '../../src/reporters/markdown.js';
import { hugeScenario, scenarios, type Scenario } from './scenarios.js';

const golden = (name: string) => fileURLToPath(new URL(`golden/${name}`, import.meta.url));

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it (then review the diff); see test/helpers/golden.ts. */
function expectGolden(name: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden(name))) writeFileSync(golden(name), actual);
  expect(actual).toBe(readFileSync(golden(name), 'utf8'));
}

const LINKS = { linkBase: 'https://github.com/acme/gitops/blob/0123abc/', docs: 'https://github.com/acme/imagepin/blob/HEAD/docs' };

const comment = (s: Scenario): string => toMarkdown(s.inventory, s.findings, { ...LINKS, failOn: s.config.failOn });

describe('goldens of realistic PRs', () => {
  let all: Scenario[];
  beforeAll(async () => {
    all = await scenarios();
  });

  test.each(['floating-tags', 'two-part-releases', 'mirror-states', 'fail-on-never', 'notes', 'stateful-move'])('%s: comment, check run and follow-up body', async (name) => {
    const s = all.find((x) => x.name === name)!;
    expectGolden(`pr-${name}.md`, comment(s));
    const check = checkOutput({ findings: s.findings, failOn: s.config.failOn, references: s.inventory.occurrences.length, diagnostics: s.inventory.diagnostics, preExisting: 0, reportUrl: 'https://github.com/acme/gitops/pull/7' });
    expectGolden(`pr-${name}.check.json`, `${JSON.stringify({ ...check, annotations: toAnnotations(s.findings) }, null, 2)}\n`);
  });

  test('a two-part release is never called partial or a development build; the header follows failOn', () => {
    const two = comment(all.find((x) => x.name === 'two-part-releases')!);
    expect(two).toMatch(/- `postgres:16.4` at .*\n {2}⚠️ No digest\. \*\*Fix:\*\* Pin it: `postgres:16\.4@sha256:[0-9a-f]{64}`/);
    expect(two).not.toMatch(/postgres:16\.4` is a partial|development build/);
    expect(two).toContain('`redis:7.2` is a partial version');
    expect(two).toContain('imagepin could not tell which (the tag list could not be read: registry timed out)');
    const never = comment(all.find((x) => x.name === 'fail-on-never')!);
    expect(never.split('\n')[1]).toBe('### ⚠️ imagepin: 1 error, 1 warning; nothing blocks the merge (failOn is never)');
    expect(never).not.toContain('❌ imagepin');
  });

  test('a moving tag\'s fix names releases with digests, says which the follow-up uses, and warns for a stateful image', () => {
    const floating = comment(all.find((x) => x.name === 'floating-tags')!);
    expect(floating).toMatch(/\*\*Fix:\*\* Move to a release: the base branch's release `quay\.io\/metallb\/controller:v0\.13\.12@sha256:[0-9a-f]{64}`; or the newest stable release on its track \(any version\) `quay\.io\/metallb\/controller:v0\.14\.8@sha256:[0-9a-f]{64}`\. The pin imagepin proposes uses `v0\.13\.12`/);
    expect(floating).not.toMatch(/Pin it: `quay\.io\/metallb\/controller:main@/);
    const stateful = comment(all.find((x) => x.name === 'stateful-move')!);
    expect(stateful).toContain('what stateful-major-change warns about');
  });

  test('every full digest is in a code span, never cut to …', () => {
    const floating = comment(all.find((x) => x.name === 'floating-tags')!);
    for (const d of all.find((x) => x.name === 'floating-tags')!.inventory.resolutions!.values()) expect(floating).toContain(`\`${d.digest}\``);
  });
});

test('follow-up PR body: the releases it pins to, full digests, and what it leaves alone', async () => {
  const s = (await scenarios()).find((x) => x.name === 'floating-tags')!;
  const text = (file: string): string => s.files[file] ?? '';
  const { fixes, skipped } = await planFixes(s.inventory, { pin: true, mirror: false, config: s.config, text, devBuilds: 'skip' });
  const { changes } = applyByFile(fixes, text);
  const body = [fixList(changes), skippedList(skipped)].filter(Boolean).join('\n\n');
  expect(body).not.toContain('…');
  expect(body).toContain('`quay.io/metallb/controller:main` → `quay.io/metallb/controller:v0.13.12`');
  expect(body).toContain('moved to v0.13.12, the release the base branch had');
  expectGolden('pr-floating-tags.follow-up.md', `${body}\n`);
});

test('a 500-reference PR: under GitHub\'s limit, verdict first, whole blocks, the rest pointed to the check run', async () => {
  const s = await hugeScenario();
  expect(s.inventory.occurrences).toHaveLength(500);
  const markdown = comment(s);
  expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  expect(markdown.split('\n')[1]).toBe('### ❌ imagepin: 500 errors block the merge; 500 warnings do not');
  expect(markdown).toMatch(/\n…and \d+ images, \d+ findings more: each is annotated in the check run\.\n/);
  const blocks = markdown.split('\n#### ').slice(1);
  for (const block of blocks.slice(0, -1)) expect(block).toMatch(/\*\*Fix:\*\* .*\n$/);
  // The golden keeps the first two and the last image blocks; the ones between must have their shape exactly (names, lines, digests aside).
  const shape = (block: string): string => block.replace(/team-\d+|service-\d+|:\d+|#L\d+|sha256:[0-9a-f]+/g, '#');
  for (const block of blocks.slice(2, -1)) expect(shape(block)).toBe(shape(blocks[0]!));
  const [head, ...rest] = markdown.split('\n#### ');
  const kept = [...rest.slice(0, 2), `[${rest.length - 3} image blocks of the same shape]\n\n`, rest.at(-1)!];
  expectGolden('pr-huge.md', [head, ...kept].join('\n#### '));
  expectGolden('pr-huge.check.json', `${JSON.stringify(checkOutput({ findings: s.findings, failOn: s.config.failOn, references: 500, diagnostics: [], preExisting: 0, reportUrl: 'https://github.com/acme/gitops/pull/9' }), null, 2)}\n`);
});
