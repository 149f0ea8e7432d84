import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

test('--base-ref compares with the tree at another revision, read through git', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'imagepin-git-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { stdio: 'pipe' });
  const values = (tag: string) => `postgresql:\n  image:\n    repository: postgres\n    tag: "${tag}"\n    digest: sha256:${'a'.repeat(64)}\n`;
  mkdirSync(join(dir, 'gitops', 'db'), { recursive: true });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'gitops', 'db', 'values.yaml'), values('14.13'));
  git('add', '.');
  git('commit', '-q', '-m', 'postgres 14');
  writeFileSync(join(dir, 'gitops', 'db', 'values.yaml'), values('16.4'));
  let stdout = '';
  const code = await main(['scan', join(dir, 'gitops'), '--offline', '--base-ref', 'HEAD', '--format', 'json'], { stdout: (t) => (stdout += t), stderr: (t) => (stdout += t), isTTY: false }, {});
  rmSync(dir, { recursive: true, force: true });
  expect(code).toBe(0);
  const findings = JSON.parse(stdout).findings.map((f: { ruleId: string; file: string; span: { start: { line: number } } }) => `${f.ruleId} ${f.file}:${f.span.start.line}`);
  expect(findings).toEqual(['stateful-major-change db/values.yaml:4']);
});
