import { createPatch } from 'diff';
import { planPullRequestFixes, skippedList } from '../../src/app/fixes.js';
import { reviewNotice } from '../../src/app/outputs.js';
import { splitFindings } from '../../src/app/own.js';
import { reviewOf } from '../../src/app/suggestions.js';
import { toAnnotations } from '../../src/reporters/annotations.js';
import { checkOutput } from '../../src/reporters/check-summary.js';
import { toMarkdown } from '../../src/reporters/markdown.js';
import { changedLines, diffHunks } from '../../src/sources/diff.js';
import type { ChangedFile, FetchedSource } from '../../src/sources/github-pr.js';
import { expectGolden } from '../helpers/golden.js';
import { applyByFile } from '../../src/fixers/apply.js';
import { planFixes } from '../../src/fixers/plan.js';
import { forkScenario, hugeScenario } from './scenarios.js';

const golden = (name: string): URL => new URL(`golden/${name}`, import.meta.url);

test('a fork PR: the review (suggestions on diff lines, the rest in its text, what it leaves alone and why), the comment and the check run', async () => {
  const s = await forkScenario();
  // The PR's files as GitHub's files API gives them: a unified patch per file, three lines of context.
  const changed: ChangedFile[] = Object.keys(s.files).map((path) => {
    const patch = createPatch(path, s.base[path] ?? '', s.files[path]!, '', '', { context: 3 });
    return { path, status: s.base[path] ? 'modified' : 'added', lines: changedLines(patch), hunks: diffHunks(patch) };
  });
  const { introduced, preExisting } = splitFindings(s.findings, changed);
  expect(preExisting).toEqual([]);
  const head = { text: (file: string) => s.files[file] } as FetchedSource;
  // No resolver: no mirrors are configured, so nothing is asked of one.
  const { changes, skipped } = await planPullRequestFixes(s.inventory, changed, head, s.config, undefined as never);
  const review = reviewOf(changes, changed, skipped);
  expect([review.suggested, review.byHand, review.left]).toEqual([1, 1, 1]);
  // The development build is named with the reason a follow-up PR's body gives.
  expect(review.body).toContain(`\n\n${skippedList(skipped)}\n`);
  expect(review.body).toContain('- `apps/tools/job.yaml:');
  expect(review.comments.map((c) => `${c.path}:${c.start_line ?? c.line}-${c.line}`)).toEqual(['apps/web/kustomization.yaml:6-6']);
  expect(review.body).not.toContain('…');
  const comments = review.comments.map((c) => `#### ${c.path} line ${c.start_line ? `${c.start_line}-` : ''}${c.line}\n\n${c.body}`).join('\n\n');
  expectGolden(golden('pr-fork.review.md'), `${review.body}\n\n---\n\n${comments}\n`);
  const notices = [reviewNotice(review.suggested, review.byHand, review.left)!];
  expectGolden(golden('pr-fork.md'), toMarkdown(s.inventory, introduced, { linkBase: 'https://github.com/acme/gitops/blob/0123abc/', docs: 'https://github.com/acme/imagepin/blob/HEAD/docs', notices, failOn: s.config.failOn }));
  const check = checkOutput({ findings: introduced, failOn: s.config.failOn, references: s.inventory.occurrences.length, diagnostics: s.inventory.diagnostics, preExisting: 0, reportUrl: 'https://github.com/acme/gitops/pull/12', notices });
  expectGolden(golden('pr-fork.check.json'), `${JSON.stringify({ ...check, annotations: toAnnotations(introduced) }, null, 2)}\n`);
});

test('a fork PR with 500 fixes outside its diff: the review stays under GitHub\'s 65,536 characters and counts what it leaves out', async () => {
  const s = await hugeScenario();
  const text = (file: string): string => s.files[file] ?? '';
  const { fixes } = await planFixes(s.inventory, { pin: true, mirror: false, config: s.config, text, devBuilds: 'pin' });
  const { changes } = applyByFile(fixes, text);
  // Files GitHub shows without a patch: no line takes a suggestion.
  const review = reviewOf(changes, Object.keys(s.files).map((path) => ({ path, status: 'modified', lines: new Set<number>(), hunks: [] })));
  expect([review.suggested, review.byHand, review.comments.length]).toEqual([0, 500, 0]);
  expect(review.body.length).toBeLessThanOrEqual(65_536);
  expect(review.body).toMatch(/\n- …and \d+ more, not listed to stay under GitHub's size limit: each is annotated on its line in the check run/);
});

test('a fork PR leaving 500 references alone: the review names them within the same size budget as its fixes, and counts the rest', async () => {
  const s = await hugeScenario();
  const text = (file: string): string => s.files[file] ?? '';
  const { fixes } = await planFixes(s.inventory, { pin: true, mirror: false, config: s.config, text, devBuilds: 'pin' });
  const { skipped } = await planFixes(s.inventory, { pin: true, mirror: false, config: s.config, text, devBuilds: 'skip' });
  expect(skipped).toHaveLength(500);
  const unpatched = Object.keys(s.files).map((path) => ({ path, status: 'modified' as const, lines: new Set<number>(), hunks: [] }));
  const rest = /\n- …and (\d+) more, not listed to stay under GitHub's size limit: `imagepin pin --dry-run` on a checkout of this branch names each with its reason \(a development build it shows pinned as it is: frozen, not fixed\)\./;
  // Only skipped references: as many as fit are named, with the reason, and the rest counted.
  const alone = reviewOf([], unpatched, skipped);
  expect(alone.body.length).toBeLessThanOrEqual(65_536);
  expect(alone.body).toContain(`\nLeft as they are (500):\n\n- \`${skipped[0]!.occurrence.file}:`);
  const listed = alone.body.split('\n').filter((l) => l.endsWith(`: ${skipped[0]!.reason}`)).length;
  expect(listed).toBeGreaterThan(100);
  expect(Number(rest.exec(alone.body)?.[1])).toBe(500 - listed);
  // Fixes outside the diff use the budget first; the skipped list gets what is left, so the body stays under the limit.
  const both = reviewOf(applyByFile(fixes, text).changes, unpatched, skipped);
  expect(both.body.length).toBeLessThanOrEqual(65_536);
  expect(both.body).toContain('\nLeft as they are (500):\n');
  expect(both.body).toMatch(rest);
});
