// The CLI forgives a typo in .github/imagepin.yml: the bad key is named with its line and a guess,
// the rest of the policy applies; only a file that cannot be parsed at all stops the scan.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'imagepin-config-'));
  mkdirSync(join(dir, '.github'));
  writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function scan(config: string): Promise<{ code: number; stdout: string; stderr: string }> {
  writeFileSync(join(dir, '.github', 'imagepin.yml'), config);
  let stdout = '';
  let stderr = '';
  const code = await main(['scan', dir, '--offline', '--format', 'json'], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false }, {});
  return { code, stdout, stderr };
}

const severityOf = (stdout: string, rule: string): string | undefined => (JSON.parse(stdout) as { findings: { ruleId: string; severity: string }[] }).findings.find((f) => f.ruleId === rule)?.severity;

test('a typo is reported with file, line, a guess and what was used; the valid keys still apply', async () => {
  const { code, stdout, stderr } = await scan('rules:\n  floating-tag: info\n  pull-policy-skew: eror\nfailOn: warnin\nignor:\n  paths: ["**"]\n');
  expect(code).toBe(0);
  expect(stderr).toBe([
    `imagepin: ${join(dir, '.github', 'imagepin.yml')} has problems; the rest of it applies:`,
    '  `rules.pull-policy-skew` (line 3) must be one of off, info, warning, error (got "eror"); did you mean `error`? The rule keeps its default severity.',
    '  `failOn` (line 4) must be one of error, warning, never (got "warnin"); did you mean `warning`? The default `"error"` was used.',
    '  `ignor` (line 5) is not a known key; did you mean `ignore`? It was ignored.',
    '',
  ].join('\n'));
  // floating-tag: info applied; the misspelt ignore did not hide the file.
  expect(severityOf(stdout, 'floating-tag')).toBe('info');
});

test('a file that is not YAML at all still stops the scan (exit 2): nothing of the policy is known', async () => {
  const { code, stderr } = await scan('rules: [\n');
  expect(code).toBe(2);
  expect(stderr).toMatch(/has problems:\n {2}`.*imagepin\.yml` is not valid YAML: .*The defaults were used\.\n$/);
});

test('_extends is accepted; the CLI says once that it did not follow it, and the file itself applies', async () => {
  const { code, stdout, stderr } = await scan('_extends: .github\nrules:\n  floating-tag: warning\n');
  expect(code).toBe(0);
  expect(stderr).toBe(`imagepin: ${join(dir, '.github', 'imagepin.yml')} extends ".github" (_extends): the CLI does not follow it, so only this file's settings and the defaults apply (the App merges the extended file).\n`);
  expect(severityOf(stdout, 'floating-tag')).toBe('warning');
});
