import { extractFile } from '../extractors/index.js';

test('a key written twice is a diagnostic naming both values, and both images are read', () => {
  const text = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3\n      image: nginx:latest\n';
  const result = extractFile('pod.yaml', text);
  expect(result.diagnostics).toEqual([{
    file: 'pod.yaml', code: 'duplicate-key', document: 0, line: 7,
    message: 'the key `image` is written 2 times in one mapping: `nginx:1.27.3` (line 6) and `nginx:latest` (line 7). YAML forbids this and tools disagree on which one wins, so every value is checked; keep one',
  }]);
  expect(result.occurrences.map((o) => [o.reference?.canonical, o.parts.image?.span.start.line])).toEqual([
    ['docker.io/library/nginx:1.27.3', 6],
    ['docker.io/library/nginx:latest', 7],
  ]);
});

test('duplicates at several levels and three times: every value is read once; the document is left as parsed', () => {
  const text = 'image:\n  repository: ghcr.io/acme/a\n  tag: "1.0"\n  tag: main\n  tag: dev\nimage:\n  repository: ghcr.io/acme/b\n  tag: "2.0"\n';
  const result = extractFile('values.yaml', text);
  expect(result.diagnostics.map((d) => d.message.split(':')[0])).toEqual(['the key `image` is written 2 times in one mapping', 'the key `tag` is written 3 times in one mapping']);
  expect(result.occurrences.map((o) => o.raw).sort()).toEqual(['ghcr.io/acme/a:1.0', 'ghcr.io/acme/a:dev', 'ghcr.io/acme/a:main', 'ghcr.io/acme/b:2.0'].sort());
});

test('repeated merge keys are not duplicates', () => {
  const text = 'a: &a {x: 1}\nb: &b {y: 2}\nimage:\n  <<: *a\n  <<: *b\n  repository: nginx\n  tag: "1"\n';
  expect(extractFile('values.yaml', text).diagnostics).toEqual([]);
});

test('a duplicate inside the second value of a duplicate is read too; thousands of duplicates cost a bounded number of readings', () => {
  const nested = 'image:\n  repository: ghcr.io/acme/a\n  tag: "1.0"\nimage:\n  repository: ghcr.io/acme/b\n  tag: "2.0"\n  tag: edge\n';
  expect(extractFile('values.yaml', nested).occurrences.map((o) => o.raw).sort()).toEqual(['ghcr.io/acme/a:1.0', 'ghcr.io/acme/b:2.0', 'ghcr.io/acme/b:edge']);
  const many = `${Array.from({ length: 300 }, (_, i) => `image: ghcr.io/acme/app:${i}`).join('\n')}\n`;
  const result = extractFile('values.yaml', many);
  // The values extractor walks every pair, so each value is an occurrence once, and the other readings add none twice.
  expect(new Set(result.occurrences.map((o) => o.raw)).size).toBe(300);
  expect(result.occurrences).toHaveLength(300);
  expect(result.diagnostics.map((d) => d.message)).toContain('document 1 repeats keys 299 times; only 10 of the repeated values were read as alternatives, so some may not be checked: remove the duplicates');
});

test('an image read again under another value of a duplicated metadata key is one occurrence, not two (round 11)', () => {
  const text = 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\nmetadata:\n  name: job-a\n  namespace: jobs\nspec:\n  schedule: "0 1 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: run\n              image: busybox:1.36\n';
  const result = extractFile('cronjob.yaml', text);
  expect(result.diagnostics.map((d) => d.code)).toEqual(['duplicate-key']);
  expect(result.occurrences.map((o) => [o.raw, o.parts.image?.span.start.line])).toEqual([['busybox:1.36', 15]]);
});
