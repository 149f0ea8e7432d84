// When no registry answers (offline, a firewall), the CLI says so once and suggests --offline;
// every reference is still reported unresolved, so nothing passes because the network is down.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { describeWithBinary } from '../harness/binaries.js';
import { pushImage } from '../harness/push.js';
import { TestRegistry } from '../harness/registry.js';

let dir: string;
let port: number;

/** A loopback port that nothing listens on: bound by the kernel's choice, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: chosen } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return chosen;
}

beforeAll(async () => {
  port = await closedPort();
  dir = mkdtempSync(join(tmpdir(), 'imagepin-unreachable-'));
  writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: "nginx:1.27.3"}\n    - {name: b, image: "quay.io/ceph/ceph:v18.2.4"}\n    - {name: c, image: "ghcr.io/acme/app:2.0.0"}\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false }, { DOCKER_CONFIG: '/nonexistent' });
  return { code, stdout, stderr };
}

const through = (port: number): string[] => ['docker.io', 'quay.io', 'ghcr.io'].flatMap((r) => ['--endpoint', `${r}=http://127.0.0.1:${port}/v2`]).concat(['--allow-host', `127.0.0.1:${port}`]);
const HINT = /No registry answered \(registry unreachable \(ECONNREFUSED for 127\.0\.0\.1\)\), so all 3 unique references are unresolved and reported as such\. Offline\? Run with --offline/;

test('text: one line suggests --offline, each reference is still unresolved and a finding, the reason is said once', async () => {
  const { code, stdout } = await run(['scan', dir, '--no-charts', '--fail-on', 'warning', ...through(port)]);
  expect(code).toBe(1);
  expect(stdout.match(new RegExp(HINT.source, 'g'))).toHaveLength(1);
  expect(stdout.match(/unresolved \(no registry answered, see below\)/g)).toHaveLength(3);
  expect(stdout.match(/warning unresolved-reference {2}imagepin could not check `[^`]+`: no registry answered\./g)).toHaveLength(3);
  // The shared reason is not repeated on every line.
  expect(stdout.match(/ECONNREFUSED/g)).toHaveLength(1);
  expect(stdout).toContain('3 of 3 unique references unresolved');
});

test('json: the findings carry each full reason, and standard error has the one line', async () => {
  const { code, stdout, stderr } = await run(['scan', dir, '--no-charts', '--format', 'json', ...through(port)]);
  expect(code).toBe(0);
  const findings = (JSON.parse(stdout) as { findings: { ruleId: string; message: string }[] }).findings.filter((f) => f.ruleId === 'unresolved-reference');
  expect(findings.map((f) => f.message)).toEqual(Array(3).fill(expect.stringContaining('registry unreachable (ECONNREFUSED for 127.0.0.1)')));
  expect(stderr).toMatch(new RegExp(`^imagepin: ${HINT.source}.*\n$`));
});

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'one registry answers', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await TestRegistry.start();
    await pushImage({ url: registry.url }, 'acme/app', ['2.0.0'], 'oci-index');
  });
  afterAll(async () => registry?.stop());

  test('then the network works: no --offline hint, and each unreachable reference keeps its own reason', async () => {
    const endpoints = ['docker.io', 'quay.io'].flatMap((r) => ['--endpoint', `${r}=http://127.0.0.1:${port}/v2`]);
    const { stdout, stderr } = await run(['scan', dir, '--no-charts', ...endpoints, '--allow-host', `127.0.0.1:${port}`, '--endpoint', `ghcr.io=${registry.url}/v2`]);
    expect(stdout).not.toContain('No registry answered');
    expect(stderr).not.toContain('No registry answered');
    expect(stdout.match(/unresolved \(registry-error\): registry unreachable \(ECONNREFUSED for 127\.0\.0\.1\)/g)).toHaveLength(2);
    expect(stdout).toContain('2 of 3 unique references unresolved');
  });
});
