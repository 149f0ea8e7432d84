import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runAction } from '../../src/action/run.js';

const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8'));
const DEPLOY = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:latest\n';

/** A checkout as the runner lays it out, with the runner's files for the summary and the outputs. */
function workspace(): { dir: string; env: NodeJS.ProcessEnv; summary: () => string; outputs: () => Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'imagepin-action-ws-'));
  mkdirSync(join(dir, 'clusters', 'prod', 'apps'), { recursive: true });
  writeFileSync(join(dir, 'clusters', 'prod', 'apps', 'web.yaml'), DEPLOY);
  const runner = mkdtempSync(join(tmpdir(), 'imagepin-runner-'));
  const env = { GITHUB_WORKSPACE: dir, GITHUB_STEP_SUMMARY: join(runner, 'summary.md'), GITHUB_OUTPUT: join(runner, 'output'), DOCKER_CONFIG: '/nonexistent' };
  for (const file of [env.GITHUB_STEP_SUMMARY, env.GITHUB_OUTPUT]) writeFileSync(file, '');
  // What action.yml's step passes: every input with its default, as INPUT_<NAME>.
  for (const [name, spec] of Object.entries(action.inputs as Record<string, { default: string }>)) (env as Record<string, string>)[`INPUT_${name.toUpperCase()}`] = spec.default;
  cleanup.push(dir, runner);
  return {
    dir,
    env,
    summary: () => readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8'),
    outputs: () => Object.fromEntries(readFileSync(env.GITHUB_OUTPUT, 'utf8').trim().split('\n').map((l) => l.split('=', 2) as [string, string])),
  };
}
const cleanup: string[] = [];
afterAll(() => cleanup.forEach((d) => rmSync(d, { recursive: true, force: true })));
const io = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t), isTTY: false } };
};

test('a scan of a sub-folder: SARIF paths from the repository root, the summary, the outputs and exit 1 from fail-on', async () => {
  const ws = workspace();
  Object.assign(ws.env, { INPUT_PATH: 'clusters/prod', INPUT_OFFLINE: 'true' });
  const { out, io: streams } = io();
  expect(await runAction(ws.env, streams)).toBe(1);
  const sarif = JSON.parse(readFileSync(join(ws.dir, 'imagepin.sarif'), 'utf8'));
  const results = sarif.runs[0].results.map((r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine]);
  expect(results).toContainEqual(['floating-tag', 'clusters/prod/apps/web.yaml', 9]);
  expect(ws.outputs()).toEqual({ 'sarif-file': 'imagepin.sarif', findings: String(results.length), 'exit-code': '1' });
  expect(ws.summary()).toContain('floating-tag');
  expect(out.stdout).toContain('apps/web.yaml');
});

test('fail-on empty never fails on findings; an invalid input fails with exit 2 and says so in the summary', async () => {
  const ws = workspace();
  Object.assign(ws.env, { INPUT_OFFLINE: 'true', 'INPUT_FAIL-ON': '' });
  expect(await runAction(ws.env, io().io)).toBe(0);
  expect(ws.outputs()['exit-code']).toBe('0');
  const bad = workspace();
  Object.assign(bad.env, { INPUT_OFFLINE: 'true', 'INPUT_FAIL-ON': 'loud' });
  const { out, io: streams } = io();
  expect(await runAction(bad.env, streams)).toBe(2);
  expect(out.stderr).toContain('--fail-on must be error or warning, not "loud"');
  expect(bad.outputs()).toEqual({ 'exit-code': '2' });
  expect(bad.summary()).toContain('imagepin could not analyse `.`');
});

const ARGO = (repoURL: string): string => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: web}\nspec:\n  source:\n    repoURL: ${repoURL}\n    path: clusters/prod/apps\n`;
type Notes = { runs: { invocations?: { toolExecutionNotifications: { descriptor: { id: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }[] };
const notes = (file: string): string[] => ((JSON.parse(readFileSync(file, 'utf8')) as Notes).runs[0]!.invocations?.[0]?.toolExecutionNotifications ?? []).map((n) => `${n.descriptor.id} ${n.locations[0]!.physicalLocation.artifactLocation.uri}`);

test("the whole repository scanned: GITHUB_REPOSITORY is the tree's repository, and an Argo CD source on another is a SARIF notification", async () => {
  const ws = workspace();
  mkdirSync(join(ws.dir, 'argo'));
  writeFileSync(join(ws.dir, 'argo', 'web.yaml'), ARGO('https://github.com/acme/platform'));
  Object.assign(ws.env, { INPUT_OFFLINE: 'true', GITHUB_REPOSITORY: 'acme/deploy' });
  const { io: streams } = io();
  await runAction(ws.env, streams);
  expect(notes(join(ws.dir, 'imagepin.sarif'))).toEqual(['other-repository argo/web.yaml']);
});

test('a sub-folder scanned: its notices are placed from the repository root', async () => {
  const ws = workspace();
  writeFileSync(join(ws.dir, 'clusters', 'prod', 'kustomization.yaml'), 'resources:\n  - apps/web.yaml\n  - https://github.com/acme/shared//base?ref=v1\n');
  Object.assign(ws.env, { INPUT_PATH: 'clusters/prod', INPUT_OFFLINE: 'true', GITHUB_REPOSITORY: 'acme/deploy' });
  const { io: streams } = io();
  await runAction(ws.env, streams);
  expect(notes(join(ws.dir, 'imagepin.sarif'))).toEqual(['remote-not-followed clusters/prod/kustomization.yaml']);
});

test('a path outside the repository is refused', async () => {
  const ws = workspace();
  Object.assign(ws.env, { INPUT_PATH: '../elsewhere' });
  const { out, io: streams } = io();
  expect(await runAction(ws.env, streams)).toBe(2);
  expect(out.stderr).toContain('is outside the repository');
});

test('action.yml passes every declared input to the entry point', () => {
  const env = action.runs.steps[0].env as Record<string, string>;
  for (const name of Object.keys(action.inputs)) if (name !== 'version') expect(env[`INPUT_${name.toUpperCase()}`]).toBe(`\${{ inputs.${name} }}`);
});
