import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';

async function run(args: string[], isTTY = false): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY }, {});
  return { code, stdout, stderr };
}

const POD = (image: string): string => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: ${image}\n`;

describe('hostile file content through the CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'imagepin-hostile-'));
    mkdirSync(join(dir, 'apps'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a helmfile version like x:1 no longer ends the scan: both files are reported, exit code from the findings', async () => {
    writeFileSync(join(dir, 'apps', 'helmfile.yaml'), 'releases:\n  - name: api\n    chart: stable/api\n    version: "x:1"\n');
    writeFileSync(join(dir, 'apps', 'pod.yaml'), POD('nginx:latest'));
    const { code, stdout, stderr } = await run(['scan', dir, '--offline', '--format', 'json', '--fail-on', 'error']);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc.findings.map((f: { file: string; ruleId: string }) => `${f.file} ${f.ruleId}`)).toEqual(expect.arrayContaining(['apps/helmfile.yaml floating-chart-version', 'apps/pod.yaml floating-tag']));
  });

  test('a UTF-8 BOM does not shift JSON offsets: each span slices the file as read', async () => {
    const text = `\uFEFF${POD('nginx:latest')}`;
    writeFileSync(join(dir, 'apps', 'pod.yaml'), text);
    writeFileSync(join(dir, 'apps', 'values.yaml'), '\uFEFFimage: {repository: redis, tag: "7.4"}\n');
    const doc = JSON.parse((await run(['scan', dir, '--offline', '--format', 'json'])).stdout);
    const spans = doc.occurrences.map((o: { file: string; parts: Record<string, { span: { start: { offset: number; col: number; line: number }; end: { offset: number } } }> }) => {
      const file = readFileSync(join(dir, o.file), 'utf8');
      return Object.fromEntries(Object.entries(o.parts).map(([name, p]) => [name, [file.slice(p.span.start.offset, p.span.end.offset), p.span.start.line, p.span.start.col]]));
    });
    expect(spans).toEqual([
      { image: ['nginx:latest', 7, 14], repository: ['nginx', 7, 14], tag: ['latest', 7, 20] },
      // On the first line the column is counted after the BOM, as editors count it.
      { repository: ['redis', 1, 21], tag: ['7.4', 1, 34] },
    ]);
  });

  test('escape sequences and control characters in file content never reach the terminal', async () => {
    // An OSC title change, a screen clear, a carriage return and a bell inside a quoted image.
    writeFileSync(join(dir, 'apps', 'pod.yaml'), POD('"evil\\e]0;pwned\\a\\e[2J\\rnginx:latest\\a"'));
    writeFileSync(join(dir, 'apps', 'bad\u001b[8m.yaml'), 'key: [unclosed\n');
    for (const isTTY of [false, true]) {
      const { stdout } = await run(['scan', dir, '--offline'], isTTY);
      expect(stdout).toContain('evil');
      for (const injected of ['\u001b]', '\u001b[2J', '\u001b[8m', '\r', '\u0007']) expect(stdout).not.toContain(injected);
      if (!isTTY) expect(stdout).not.toContain('\u001b');
    }
  });
});
