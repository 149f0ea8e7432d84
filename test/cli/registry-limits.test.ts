import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { HostileRegistry } from '../harness/hostile-registry.js';

let hostile: HostileRegistry;
let dir: string;

beforeAll(async () => {
  hostile = await HostileRegistry.start();
  dir = mkdtempSync(join(tmpdir(), 'imagepin-limits-'));
  writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: "hang.hostile.test/a:1.0.0"}\n    - {name: b, image: "hang.hostile.test/b:1.0.0"}\n');
});
afterAll(async () => {
  await hostile.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false }, { DOCKER_CONFIG: '/nonexistent', ...env });
  return { code, stdout, stderr };
}

test('scan: a registry that never answers is an unresolved-reference finding per reference, and --fail-on warning fails', async () => {
  // The registry never answers, so the outcome is a timeout whatever the machine's speed.
  const { code, stdout } = await run(['scan', dir, '--format', 'json', '--no-charts', '--fail-on', 'warning', '--endpoint', hostile.endpoint('hang'), '--registry-timeout', '150ms', '--deadline', '30s']);
  const findings = (JSON.parse(stdout) as { findings: { ruleId: string; message: string }[] }).findings.filter((f) => f.ruleId === 'unresolved-reference');
  expect(findings.map((f) => f.message)).toEqual([
    expect.stringMatching(/^imagepin could not check `hang\.hostile\.test\/a:1\.0\.0`: registry 127\.0\.0\.1:\d+ did not answer within 150 ms/),
    expect.stringMatching(/^imagepin could not check `hang\.hostile\.test\/b:1\.0\.0`: registry 127\.0\.0\.1:\d+ did not answer within 150 ms/),
  ]);
  expect(code).toBe(1);
});

test.each([
  [['--deadline', 'soon'], {}, '--deadline (or IMAGEPIN_DEADLINE) must be a duration such as 60s, 1.5s, 500ms or 2m, not "soon"'],
  [['--breaker-after', 'x'], {}, '--breaker-after (or IMAGEPIN_BREAKER_AFTER) must be a whole number of timeouts'],
  [[], { IMAGEPIN_REGISTRY_TIMEOUT: '10 seconds' }, '--registry-timeout (or IMAGEPIN_REGISTRY_TIMEOUT) must be a duration'],
  [['--token-realm', 'auth.example.com'], {}, 'token realm "auth.example.com" must look like registry.example.com[:port]=https://auth.example.com[:port]'],
  [['--allow-host', 'http://x/'], {}, 'allowed host "http://x/" must look like name, name:port'],
])('a bad limit or list entry (%j %j) stops with exit 2 and names the setting', async (args, env, message) => {
  const { code, stderr } = await run(['scan', dir, ...args], env);
  expect(code).toBe(2);
  expect(stderr).toContain(message);
});
