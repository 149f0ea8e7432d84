import { fileURLToPath } from 'node:url';
import { main } from './main.js';

const example = fileURLToPath(new URL('../../examples/gitops', import.meta.url));

async function run(args: string[], isTTY = false): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  // No environment: the runner's own (jest workers set FORCE_COLOR=1) must not colour the reports.
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY }, {});
  return { code, stdout, stderr };
}

test('scan --format json prints the documented schema', async () => {
  const { code, stdout } = await run(['scan', example, '--offline', '--format', 'json']);
  expect(code).toBe(0);
  const doc = JSON.parse(stdout);
  expect(doc).toMatchObject({ schemaVersion: 3, tool: 'imagepin', resolved: false, summary: { files: 7, occurrences: 16, artifacts: 0, diagnostics: 0 }, artifacts: [], registryHosts: [] });
  expect(doc.occurrences[0]).toMatchObject({
    file: 'apps/builds/application.yaml',
    format: 'argocd',
    shape: 'fields',
    path: 'spec.source.helm.values.image',
    line: 20,
    reference: { canonical: 'docker.io/bitnami/redis:7.4.0', registry: 'docker.io', repository: 'bitnami/redis', tag: '7.4.0' },
    owner: { kind: 'Application', name: 'builds-cache', chart: 'redis', version: '20.1.4' },
    parts: { tag: { path: 'spec.source.helm.values.image.tag', style: 'plain', source: '7.4.0', span: { start: { line: 21, col: 16 } } } },
  });
  expect(doc.charts.map((c: { chart?: string; version?: string }) => `${c.chart}@${c.version}`)).toContain('harbor@>=1.14.0');
});

test('scan prints a readable text inventory grouped by file, without colour when not a TTY', async () => {
  const { code, stdout } = await run(['scan', example, '--offline']);
  expect(code).toBe(0);
  expect(stdout).not.toContain('\u001b[');
  expect(stdout).toContain('apps/metallb/kustomization.yaml\n  7:11    quay.io/metallb/controller:main  (kustomize-image, Kustomization)\n');
  expect(stdout).toContain('unquoted tag 3.10 reads as the number 3.1');
  expect(stdout.trimEnd().split('\n').pop()).toBe('16 image references in 7 files, 0 file problems, 1 remote source not read (offline: not resolved)');
});

test('colour on a TTY', async () => {
  const { stdout } = await run(['scan', example, '--offline'], true);
  expect(stdout).toContain('\u001b[1mquay.io/ceph/ceph:v17.2.31');
});

test('usage errors exit 2 with a message that says what to do', async () => {
  expect(await run([])).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: imagepin <command>') });
  expect(await run(['scan', example, '--format', 'xml'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^imagepin: --format must be one of text, json, markdown, sarif, not "xml"\nUsage: imagepin scan/) });
  expect(await run(['scan', example, '--frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--frobnicate'") });
  expect(await run(['scan', example, '--endpoint', 'quay.io'])).toMatchObject({ code: 2, stderr: expect.stringContaining('endpoint override "quay.io" must look like registry=https://host[:port]/v2[/prefix]') });
  expect(await run(['deploy'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "deploy"') });
  expect(await run(['scan', '/nonexistent/imagepin', '--offline'])).toMatchObject({ code: 2, stderr: expect.stringContaining('cannot read /nonexistent/imagepin') });
  expect(await run(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage') });
  expect(await run(['scan', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('--offline') });
});

test('--fail-on sets the exit code from the findings; formats markdown and sarif', async () => {
  expect((await run(['scan', example, '--offline', '--fail-on', 'error'])).code).toBe(1);
  expect((await run(['scan', example, '--offline'])).code).toBe(0);
  const markdown = await run(['scan', example, '--offline', '--format', 'markdown']);
  expect(markdown.stdout.split('\n')[1]).toBe('### ❌ imagepin: 8 errors block the merge; 18 warnings do not');
  const sarif = JSON.parse((await run(['scan', example, '--offline', '--format', 'sarif'])).stdout);
  expect(sarif.version).toBe('2.1.0');
  expect(sarif.runs[0].results).toHaveLength(26);
  expect(await run(['scan', example, '--offline', '--fail-on', 'sometimes'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--fail-on must be error or warning, not "sometimes"') });
});
