import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { EXTRACTORS } from './api.js';
import { CHART_PREFILTER } from './chart-metadata.js';
import { LAYERS_PREFILTER } from './layers/index.js';
import { extractFile, isCandidate } from './index.js';
import { offeredTo, passes } from './prefilter.js';
import { DEFAULT_TEMPLATE_EXTENSIONS, renderedName } from './templates/files.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SKIP_DIRS = new Set(['node_modules', '.git', 'out', 'coverage', 'dist']);

/** Every file in the repository the scanner would read: fixtures, examples, scenarios, golden files, the chart. */
function repositoryFiles(): [string, string][] {
  const found: [string, string][] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(full);
      } else if (isCandidate(full)) found.push([relative(ROOT, full), readFileSync(full, 'utf8')]);
    }
  };
  walk(ROOT);
  return found;
}

/**
 * The pre-filter may skip a file's extraction only when extraction would have said nothing: the
 * result is the same with and without it, and every extractor that matched declared a word or
 * file name that the file has (for a template, the name it renders to).
 */
function checkSame(file: string, text: string, seen?: Set<string>): boolean {
  const full = extractFile(file, text, { prefilter: false });
  for (const format of full.formats) seen?.add(format);
  expect(extractFile(file, text)).toEqual(full);
  const declared = new Map(EXTRACTORS.map((e) => [e.id as string, e.prefilter]));
  for (const format of full.formats) {
    const prefilter = declared.get(format);
    if (prefilter) expect({ file, format, passes: passes(prefilter, renderedName(file, DEFAULT_TEMPLATE_EXTENSIONS) ?? file, text) }).toEqual({ file, format, passes: true });
  }
  return offeredTo(file, text) === undefined;
}

test('every file of the repository gives the same result with and without the pre-filter', () => {
  const files = repositoryFiles();
  expect(files.length).toBeGreaterThan(60);
  let skipped = 0;
  const seen = new Set<string>();
  for (const [file, text] of files) if (checkSame(file, text, seen)) skipped++;
  // Every extractor's declaration is checked on at least one file it matched.
  expect(EXTRACTORS.map((e) => e.id).filter((id) => !seen.has(id))).toEqual([]);
  // Not every fixture mentions a format: some must be skipped, or this compares nothing skipped.
  expect(skipped).toBeGreaterThan(0);
});

test('a skipped file keeps its parse diagnostics: invalid YAML, duplicate keys, alias bombs', () => {
  const cases = ['notes: [unclosed\nother: 1\n', 'a: 1\na: 2\n', `${Array.from({ length: 1001 }, (_, i) => `k${i}: *x`).join('\n')}\nx: &x 1\n`];
  for (const text of cases) {
    expect(offeredTo('docs/notes.yaml', text)).toBeUndefined();
    const result = extractFile('docs/notes.yaml', text);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result).toEqual(extractFile('docs/notes.yaml', text, { prefilter: false }));
  }
});

test('an escape can spell any word, so text with a backslash is always offered', () => {
  const text = '"\\x6bind": Deployment\napiVersion: apps/v1\nspec: {template: {spec: {containers: [{name: a, image: nginx:1.27}]}}}\n';
  expect(offeredTo('deploy.yaml', text)).toEqual(EXTRACTORS);
  expect(extractFile('deploy.yaml', text).occurrences.map((o) => o.reference?.canonical)).toEqual(['docker.io/library/nginx:1.27']);
});

const FILE_NAMES = ['values.yaml', 'deploy.yaml', 'notes.yaml', 'kustomization.yaml', 'helmfile.yaml', 'talconfig.yaml', 'talos/worker.yaml', 'Chart.yaml', 'apps/x/config.yml'];
const KEYS = ['image', 'repository', 'tag', 'kind', 'apiVersion', 'spec', 'template', 'containers', 'services', 'machine', 'cluster', 'registries', 'mirrors',
  'clusterName', 'nodes', 'op', 'path', 'metadata', 'type', 'images', 'name', 'values', 'chart', 'releases', 'rules', 'note', 'list', 'owner'];
const VALUES = ['nginx:1.27', 'Deployment', 'Ingress', 'ConfigMap', 'HelmRelease', 'Application', 'RegistryMirrorConfig', 'Cluster', 'apps/v1', 'v1', 'v1alpha1',
  'helm.toolkit.fluxcd.io/v2', 'argoproj.io/v1alpha1', 'kustomize.config.k8s.io/v1beta1', 'networking.k8s.io/v1', '/machine/install', 'ConfigPatches.omni.sidero.dev/x', 'plain text'];
const tree = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, fc.constantFrom(...VALUES), tie('map'), fc.array(tie('node'), { maxLength: 3 })),
  map: fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 5 }),
}));

test('generated documents under every file name: the same result with and without the pre-filter', () => {
  let skipped = 0;
  let kept = 0;
  fc.assert(fc.property(fc.constantFrom(...FILE_NAMES), fc.array(tree.map, { minLength: 1, maxLength: 3 }), (file, docs) => {
    if (checkSame(file, docs.map((d) => stringify(d)).join('---\n'))) skipped++;
    else kept++;
  }), { numRuns: 1500 });
  // Both sides of the filter must be reached, or the property says nothing about one of them.
  expect(Math.min(skipped, kept)).toBeGreaterThan(50);
});

test('random edits of every repository file: the same result with and without the pre-filter', () => {
  const files = repositoryFiles().filter(([file]) => /\.ya?ml$/.test(file));
  const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 12 }), insert: fc.constantFrom('', ':', '"', "'", '{{', '&a ', '*a', '\n  ', '- ', '[', '#', 'kind: Pod\n', '\n---\n') });
  fc.assert(fc.property(fc.constantFrom(...files), fc.array(edit, { minLength: 1, maxLength: 4 }), ([file, original], edits) => {
    let text = original;
    for (const e of edits) {
      const at = e.at % (text.length + 1);
      text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
    }
    checkSame(file, text);
  }), { numRuns: 1500 });
});

test('offeredTo offers what passes says of each declaration, on every file of the repository and with escapes', () => {
  const texts: [string, string][] = [...repositoryFiles(), ['a.yaml', 'kind: Pod\n'], ['b.yaml', 'x: "\\x6bind"\n'], ['c.yaml', 'machine: {}\n'], ['talconfig.yaml', 'x: 1\n'], ['d.yaml', 'nothing: here\n']];
  for (const [file, text] of texts) {
    const each = EXTRACTORS.filter((e) => passes(e.prefilter, file, text));
    const expected = each.length > 0 || passes(LAYERS_PREFILTER, file, text) || passes(CHART_PREFILTER, file, text) ? each : undefined;
    expect({ file, offered: offeredTo(file, text)?.map((e) => e.id) }).toEqual({ file, offered: expected?.map((e) => e.id) });
  }
});
