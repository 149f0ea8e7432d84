import { loadConfig } from '../../config/load.js';
import type { Inventory } from '../../engine/scan.js';
import { extractFile } from '../../extractors/index.js';
import { runRules } from '../run.js';

/** The floating-chart-version messages of one file, through the real extractors and rules. */
function said(file: string, text: string): string[] {
  const result = extractFile(file, text);
  const inventory: Inventory = { source: 'test', files: [], occurrences: result.occurrences, charts: result.charts, mirrors: result.mirrors, repositories: [], diagnostics: [] };
  const loaded = loadConfig('');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return runRules({ inventory, config: loaded.config }).filter((f) => f.ruleId === 'floating-chart-version').map((f) => `${f.span.start.line} ${f.message}`);
}

const set = (revision: string): string => [
  'apiVersion: argoproj.io/v1alpha1', 'kind: ApplicationSet', 'metadata:', '  name: cluster-configs', 'spec:',
  '  generators:', '    - list:', '        elements:', '          - name: storage', '          - name: logging',
  '  template:', "    metadata: {name: '{{values.name}}'}", '    spec:', '      source:',
  '        repoURL: https://github.com/example/catalog.git', `        targetRevision: ${revision}`, "        path: 'clusters/{{name}}'",
  '      syncPolicy:', '        automated: {prune: true}', '',
].join('\n');
const app = (revision: string): string => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: shop}\nspec:\n  source:\n    repoURL: https://github.com/example/shop.git\n    path: apps\n    targetRevision: ${revision}\n`;
const automated = 'whatever is pushed there deploys at the next automated sync (`syncPolicy.automated`)';

test('an ApplicationSet is named by its own metadata.name, and a placeholder revision is not called a branch (round 13)', () => {
  expect(said('set.yaml', set('patch-me-see-clusters-overlays'))).toEqual([
    `16 The Applications ApplicationSet cluster-configs generates (named \`{{values.name}}\`) from https://github.com/example/catalog.git follow \`patch-me-see-clusters-overlays\`, a branch or tag name (not a commit or a version tag; imagepin cannot tell which); if it is a branch, ${automated}.`,
  ]);
  expect(said('set.yaml', set("'{{values.revision}}'"))).toEqual([
    `16 The Applications ApplicationSet cluster-configs generates (named \`{{values.name}}\`) from https://github.com/example/catalog.git follow the templated revision \`{{values.revision}}\`, which imagepin does not fill in here: whether it names a branch, a tag or a commit is not known; if it is a branch, ${automated}.`,
  ]);
});

test('an Application on main follows the branch; another name may be a branch or a tag; tags and commits do not float', () => {
  expect(said('app.yaml', app('main'))).toEqual([
    '8 Application shop (https://github.com/example/shop.git) follows the branch `main`: whatever is pushed there deploys at the next sync; the Application sets no automated sync, so that is when someone (or automated sync switched on outside this repository) syncs it.',
  ]);
  expect(said('app.yaml', app('release-1.2'))).toEqual([expect.stringContaining('follows `release-1.2`, a branch or tag name (not a commit or a version tag; imagepin cannot tell which); if it is a branch, whatever is pushed there')]);
  expect(said('app.yaml', app('HEAD'))).toEqual([expect.stringContaining('follows HEAD: whatever is pushed there')]);
  expect([app('v1.4.0'), app('4f2c9e1')].map((text) => said('app.yaml', text))).toEqual([[], []]);
});
