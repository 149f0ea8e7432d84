import { MemorySource } from '../sources/memory.js';
import { scanSource } from '../engine/scan.js';
import { notFollowedAnnotations } from './annotations.js';
import { checkOutput } from './check-summary.js';
import { toJson } from './json.js';
import { toMarkdown } from './markdown.js';
import { toText } from './text.js';

const tree = () => new MemorySource({
  'apps/cache/values.yaml': 'image:\n  repository: ghcr.io/example/cache\n  tag: 7.4.1\nexporter:\n  enabled: false\n  image: ghcr.io/example/cache-exporter:1.2.0\n',
});

test('an image under `enabled: false` is listed in every output as not checked, never as a reference', async () => {
  const inventory = await scanSource(tree());
  expect(inventory.occurrences.map((o) => o.raw)).toEqual(['ghcr.io/example/cache:7.4.1']);
  const text = 'imagepin did not check `ghcr.io/example/cache-exporter:1.2.0` at `apps/cache/values.yaml:6`: the values set `exporter.enabled: false`, and by the usual chart convention nothing under a disabled block is deployed; if the chart deploys it anyway, it is not checked.';
  expect(toMarkdown(inventory, [], { docs: null })).toContain(['#### ℹ️ Not read by imagepin (1)', '', `- ${text}`].join('\n'));
  expect(notFollowedAnnotations(inventory.notFollowed ?? [])).toEqual([expect.objectContaining({ path: 'apps/cache/values.yaml', start_line: 6, start_column: 10, annotation_level: 'notice', title: 'Not checked (disabled-in-values)' })]);
  expect(toText(inventory, false)).toContain('1 image reference in 1 file, 0 file problems, 1 image under `enabled: false` not checked (offline: not resolved)');
  const json = JSON.parse(toJson(inventory)) as { summary: { notFollowed: number }; notFollowed: { code: string; field: string; path: string }[] };
  expect(json.summary.notFollowed).toBe(1);
  expect(json.notFollowed.map((n) => [n.code, n.field, n.path])).toEqual([['disabled-in-values', 'exporter.enabled', 'exporter.image']]);
});

test('the check run summary says it in its own line, apart from remote sources, and the title is unchanged', () => {
  const input = { findings: [], failOn: 'error' as const, references: 1, diagnostics: [], preExisting: 0 };
  const plain = checkOutput(input);
  const noted = checkOutput({ ...input, disabled: 2 });
  expect(noted.title).toBe(plain.title);
  expect(noted.summary).toBe(`${plain.summary}\n\n2 images in Helm values are under a block that says \`enabled: false\` and were not checked (annotated as notices): by the usual chart convention they are not deployed.`);
});
