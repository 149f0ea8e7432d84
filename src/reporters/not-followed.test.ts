import { MemorySource } from '../sources/memory.js';
import { scanSource } from '../engine/scan.js';
import { notFollowedAnnotations } from './annotations.js';
import { checkOutput } from './check-summary.js';
import { toMarkdown } from './markdown.js';

const files = (includes: string[]) => new MemorySource({
  'apps/web/kustomization.yaml': `resources:\n${includes.map((i) => `  - ${i}\n`).join('')}`,
  'apps/web/deploy.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: web, image: "ghcr.io/acme/web:1.4.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}]\n',
});

test('the comment lists remote includes as a neutral section, after the file problems; the header stays what the findings make it', async () => {
  const inventory = await scanSource(files(['deploy.yaml', 'https://github.com/acme/shared//redis?ref=v2', 'git@github.com:acme/ops.git//dns']));
  inventory.diagnostics.push({ file: 'apps/db/values.yaml', code: 'invalid-yaml', message: 'invalid YAML: bad indentation', line: 3 });
  const markdown = toMarkdown(inventory, [], { docs: null });
  expect(markdown.split('\n')[1]).toBe('### ⚠️ imagepin: no risks found in 1 image reference; 1 file or chart could not be checked');
  expect(markdown).toContain([
    '#### ⚠️ Not checked (1)', '', '- `apps/db/values.yaml:3` invalid YAML: bad indentation (invalid-yaml)', '',
    '#### ℹ️ Not read by imagepin (2)', '',
    '- imagepin did not read the remote resource `https://github.com/acme/shared//redis?ref=v2`, included by `apps/web/kustomization.yaml:3`; the images it deploys are not checked.',
    '- imagepin did not read the remote resource `git@github.com:acme/ops.git//dns`, included by `apps/web/kustomization.yaml:4`; the images it deploys are not checked.',
  ].join('\n'));
  inventory.diagnostics.length = 0;
  expect(toMarkdown(inventory, [], { docs: null }).split('\n')[1]).toBe('### ✅ imagepin: no risks found in 1 image reference');
});

test('the check run: one notice annotation per include at its columns, a summary line, and the same title as without them', async () => {
  const inventory = await scanSource(files(['deploy.yaml', 'github.com/acme/shared/redis?ref=v2']));
  expect(notFollowedAnnotations(inventory.notFollowed ?? [])).toEqual([{
    path: 'apps/web/kustomization.yaml', start_line: 3, end_line: 3, start_column: 5, end_column: 40, annotation_level: 'notice', title: 'Not read (remote-not-followed)',
    message: 'imagepin did not read the remote resource github.com/acme/shared/redis?ref=v2, included by apps/web/kustomization.yaml:3; the images it deploys are not checked.',
  }]);
  const input = { findings: [], failOn: 'error' as const, references: 1, diagnostics: [], preExisting: 0 };
  const plain = checkOutput(input);
  const noted = checkOutput({ ...input, notFollowed: 2 });
  expect(noted.title).toBe(plain.title);
  expect(noted.summary).toBe(`${plain.summary}\n\nimagepin did not read 2 remote sources (a remote kustomize include, or an Argo CD source in another repository; annotated as notices); the images they deploy are not checked.`);
});
