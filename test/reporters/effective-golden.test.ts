import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toAnnotations } from '../../src/reporters/annotations.js';
import { GITHUB_COMMENT_LIMIT, toMarkdown } from '../../src/reporters/markdown.js';
import { effectiveScenario, hugeScenario, type Scenario } from './scenarios.js';

const golden = (name: string) => fileURLToPath(new URL(`golden/${name}`, import.meta.url));

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it (then review the diff). */
function expectGolden(name: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden(name))) writeFileSync(golden(name), actual);
  expect(actual).toBe(readFileSync(golden(name), 'utf8'));
}

const LINKS = { linkBase: 'https://github.com/acme/gitops/blob/0123abc/', docs: 'https://github.com/acme/imagepin/blob/HEAD/docs' };

describe('what runs, where an overlay or a Flux substitution decides', () => {
  let s: Scenario;
  let markdown: string;
  beforeAll(async () => {
    s = await effectiveScenario();
    markdown = toMarkdown(s.inventory, s.findings, LINKS);
  });

  test('comment and annotations (golden)', () => {
    expectGolden('pr-effective.md', markdown);
    expectGolden('pr-effective.annotations.json', `${JSON.stringify(toAnnotations(s.findings, s.inventory.occurrences), null, 2)}\n`);
  });

  test('an image block says what each overlay runs and which line decides, as a fact beside the risks', () => {
    const worker = markdown.split('\n#### ').find((b) => b.startsWith('❌ `ghcr.io/acme/worker:latest`'))!.split('\n<details>')[0]!;
    expect(worker).toContain('Runs as `ghcr.io/acme/worker:2.0.1` in overlay `apps/web/overlays/prod` (set by [apps/web/overlays/prod/kustomization.yaml:9](https://github.com/acme/gitops/blob/0123abc/apps/web/overlays/prod/kustomization.yaml#L9)).');
    expect(worker).toContain('A risk about what runs in one of these says so; the others are about the reference as written.');
    // The staging overlay keeps the worker as written, so it is not listed; the findings stay the written reference's.
    expect(worker).not.toContain('staging');
    expect(worker).toContain('**Fix:** Pin it: `ghcr.io/acme/worker:2.1.0@sha256:');
  });

  test('a Flux substitution fills the tag; a variable from a Secret is said to be unknown, with the reason', () => {
    expect(markdown).toContain('Runs as `ghcr.io/acme/player:10.9.11` in Flux Kustomization `media` (set by [clusters/home/media.yaml:11]');
    expect(markdown).toContain('In Flux Kustomization `media` (`clusters/home/media.yaml`), imagepin could not tell what runs: VPN_TAG may come from Secret media-secrets');
    const vpn = toAnnotations(s.findings, s.inventory.occurrences).find((a) => a.start_line === 12 && a.path === 'apps/media/player.yaml')!;
    expect(vpn.message).toMatch(/\nIn Flux Kustomization media \(clusters\/home\/media\.yaml\), imagepin could not tell what runs: .*Secret media-secrets.*\nA finding about what runs in one of these says so; the others are about the reference as written\.\nFix: /);
  });

  test('a line no other file rewrites gets no such line; lines stay short enough for the comment', () => {
    const indexer = toAnnotations(s.findings, s.inventory.occurrences).find((a) => a.message.includes('ghcr.io/acme/indexer:latest'))!;
    expect(indexer.message).not.toMatch(/Runs as|could not tell what runs|as written/);
    // Without links (no long URLs), every line of prose fits the layout; references are in code spans.
    for (const line of toMarkdown(s.inventory, s.findings, { docs: null }).split('\n')) {
      const prose = line.replace(/`[^`]*`/g, '`…`');
      expect(prose.length).toBeLessThan(200);
    }
  });

  test('a dozen overlays: a few lines in the block, then how many more and where they are listed', () => {
    const occ = s.inventory.occurrences.find((o) => o.raw === 'ghcr.io/acme/worker:latest')!;
    const one = occ.effective![0]!;
    const many = { ...s, inventory: { ...s.inventory, occurrences: s.inventory.occurrences.map((o) => (o === occ ? { ...o, effective: Array.from({ length: 12 }, (_, i) => ({ ...one, for: { kind: 'kustomization' as const, file: `apps/web/overlays/r${i}/kustomization.yaml` } })) } : o)) } };
    const text = toMarkdown(many.inventory, many.findings, LINKS);
    expect(text.match(/Runs as `ghcr\.io\/acme\/worker:2\.0\.1`/g)).toHaveLength(6);
    expect(text).toContain('…and 6 more contexts that run it differently: `imagepin scan --format json` lists them.');
  });
});

test('a 500-reference PR where every image runs differently in eight overlays still fits the comment, whole blocks only', async () => {
  const s = await hugeScenario();
  const occurrences = s.inventory.occurrences.map((o) => ({ ...o, effective: Array.from({ length: 8 }, (_, i) => ({
    for: { kind: 'kustomization' as const, file: `clusters/region-${i}/overlays/production/kustomization.yaml` },
    raw: `${o.raw.replace(':main', '')}:1.0.${i}`,
    provenance: [{ kind: 'kustomize-images' as const, file: `clusters/region-${i}/overlays/production/kustomization.yaml`, line: 7, detail: 'sets newTag' }],
  })) }));
  const markdown = toMarkdown({ ...s.inventory, occurrences }, s.findings, LINKS);
  expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  expect(markdown).toMatch(/\n…and \d+ images, \d+ findings more: each is annotated in the check run\.\n/);
  const blocks = markdown.split('\n#### ').slice(1);
  expect(blocks.length).toBeGreaterThan(1);
  for (const block of blocks.slice(0, -1)) expect(block).toMatch(/…and 2 more contexts that run it differently[^]*\*\*Fix:\*\* .*\n$/);
});
