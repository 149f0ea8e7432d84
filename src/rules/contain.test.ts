import { loadConfig } from '../config/load.js';
import { analyze } from '../engine/analyze.js';
import type { Inventory } from '../engine/scan.js';
import { extractFile } from '../extractors/index.js';
import { MemorySource } from '../sources/memory.js';
import { RULES } from './api.js';
import { runRules } from './run.js';
import type { Rule } from './types.js';

const config = loadConfig(undefined).config;

function inventory(file: string, text: string): Inventory {
  const result = extractFile(file, text);
  return { source: 'test', files: [], occurrences: result.occurrences, charts: result.charts, mirrors: result.mirrors, repositories: [], diagnostics: [] };
}

const helmfile = 'releases:\n  - name: api\n    chart: stable/api\n    version: "x:1"\n  - name: web\n    chart: stable/web\n    version: "~1.2"\n';

test('a helmfile version semver cannot read (x:1) is a finding, not the end of the analysis', async () => {
  const { findings, inventory: inv } = await analyze({ head: new MemorySource({ 'helmfile.yaml': helmfile, 'pod.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: c, image: "nginx:latest"}]\n' }), config });
  expect(inv.diagnostics).toEqual([]);
  expect(findings.filter((f) => f.ruleId === 'floating-chart-version').map((f) => [f.span.start.line, f.message])).toEqual([
    [4, expect.stringContaining('asks for the version `x:1`, which is neither a version nor a range Helm can read')],
    [7, expect.stringContaining('asks for the version range `~1.2`')],
  ]);
  expect(findings.some((f) => f.ruleId === 'floating-tag' && f.file === 'pod.yaml')).toBe(true);
});

test('a rule that throws on one unit becomes a diagnostic naming the rule, the unit and the reason; the rest is checked', () => {
  const inv = inventory('pods.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - {name: a, image: "nginx:latest"}\n    - {name: b, image: "redis:latest"}\n');
  const crashing: Rule = {
    id: 'public-registry',
    severity: 'error',
    summary: 'test rule',
    occurrence: ({ occ }) => {
      if (occ.raw.startsWith('nginx')) throw new TypeError("Cannot read properties of undefined (reading 'x')");
      return { message: 'seen', fix: 'none' };
    },
  };
  const findings = runRules({ inventory: inv, config, rules: [crashing, ...RULES.filter((r) => r.id === 'floating-tag')] });
  expect(inv.diagnostics).toEqual([{
    file: 'pods.yaml', code: 'internal-error', document: 0, line: 5,
    message: "imagepin could not check rule public-registry on docker.io/library/nginx:latest: Cannot read properties of undefined (reading 'x'). This is a bug in imagepin (please report it); this check did not run, everything else was checked",
  }]);
  expect(findings.map((f) => `${f.ruleId} ${f.reference}`)).toEqual(['floating-tag docker.io/library/nginx:latest', 'public-registry docker.io/library/redis:latest', 'floating-tag docker.io/library/redis:latest']);
});

test('a bad value from a rule is contained like a throw; a finding without a position points at its unit', () => {
  const inv = inventory('helmfile.yaml', helmfile);
  const bad: Rule = {
    id: 'floating-chart-version',
    severity: 'warning',
    summary: 'test rule',
    chart: (chart) => (chart.version === 'x:1' ? ({ message: 42 } as never) : { message: 'no span', fix: 'f', span: { start: { line: 0 } } as never }),
  };
  const findings = runRules({ inventory: inv, config, rules: [bad] });
  expect(inv.diagnostics.map((d) => [d.line, d.message])).toEqual([[2, expect.stringMatching(/^imagepin could not check rule floating-chart-version on chart stable\/api: it returned a finding without a message or fix\./)]]);
  expect(findings.map((f) => [f.message, f.span.start.line])).toEqual([['no span', 5]]);
});
