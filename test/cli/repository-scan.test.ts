import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildCli } from '../harness/built-cli.js';

const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ledger}\nspec:\n  template:\n    spec:\n      containers:\n        - name: ledger\n          image: ghcr.io/acme/ledger:1.0.0\n';
// A clone of acme/deploy whose Application deploys the same path of acme/platform.
const TREE: Record<string, string> = {
  '.git/config': '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:acme/deploy.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n',
  'apps/ledger/deploy.yaml': deploy,
  'apps/ledger/kustomization.yaml': 'resources: [deploy.yaml]\n',
  'argo/ledger.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: ledger}\nspec:\n  source:\n    repoURL: https://github.com/acme/platform.git\n    path: apps/ledger\n    kustomize:\n      images: [ghcr.io/acme/ledger:2.0.0]\n',
};

interface Json {
  occurrences: { file: string; effective?: { reference?: { canonical: string }; for?: { file: string } }[] }[];
  notFollowed?: { code: string; file: string; span: { start: { line: number; col: number } }; message: string }[];
  summary: { notFollowed?: number; diagnostics: number };
}

let cli: ReturnType<typeof buildCli>;
let dir: string;
beforeAll(() => {
  cli = buildCli();
  dir = mkdtempSync(join(tmpdir(), 'imagepin-repository-'));
  for (const [file, text] of Object.entries(TREE)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
});
afterAll(() => {
  cli?.remove();
  rmSync(dir, { recursive: true, force: true });
});

const scan = (...args: string[]) => spawnSync(process.execPath, [cli.entry, 'scan', dir, '--offline', ...args], { encoding: 'utf8' });
const json = (...args: string[]): Json => {
  const { stdout, status } = scan('--format', 'json', ...args);
  expect(status).toBe(0);
  return JSON.parse(stdout) as Json;
};
const runs = (out: Json): string[] => out.occurrences.filter((o) => o.file === 'apps/ledger/deploy.yaml').flatMap((o) => (o.effective ?? []).map((e) => `${e.for?.file} ${e.reference?.canonical}`));

test('the repository from .git/config: the Application on another repository is a notice, and not applied over this tree', () => {
  const out = json();
  expect(runs(out)).toEqual([]);
  expect(out.summary).toMatchObject({ notFollowed: 1, diagnostics: 0 });
  expect(out.notFollowed?.map((n) => `${n.code} ${n.file}:${n.span.start.line}:${n.span.start.col}`)).toEqual(['other-repository argo/ledger.yaml:6:14']);
  expect(out.notFollowed?.[0]?.message).toBe('imagepin did not read path apps/ledger of https://github.com/acme/platform.git, the Argo CD source at argo/ledger.yaml:6, which is not this repository (acme/deploy); the images it deploys are not checked');
});

test('--repository wins over the remote: named as the source, the Application is applied over its path here', () => {
  const out = json('--repository', 'Acme/Platform');
  expect(runs(out)).toEqual(['argo/ledger.yaml ghcr.io/acme/ledger:2.0.0']);
  expect(out.notFollowed).toEqual([]);
});

test('--repository that names no repository is a usage error', () => {
  const { status, stderr } = scan('--repository', 'not a repository');
  expect(status).toBe(2);
  expect(stderr).toContain('--repository must be owner/name');
});

test('--format sarif: the notice is a note-level notification at the repoURL, not a result', () => {
  const { stdout, status } = scan('--format', 'sarif');
  expect(status).toBe(0);
  const run = (JSON.parse(stdout) as { runs: { results: { ruleId: string }[]; invocations?: { toolExecutionNotifications: { level: string; descriptor: { id: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] }[] }).runs[0]!;
  const notes = run.invocations?.[0]?.toolExecutionNotifications ?? [];
  expect(notes.map((n) => `${n.level} ${n.descriptor.id} ${n.locations[0]!.physicalLocation.artifactLocation.uri}:${n.locations[0]!.physicalLocation.region.startLine}:${n.locations[0]!.physicalLocation.region.startColumn}`)).toEqual(['note other-repository argo/ledger.yaml:6:14']);
  expect(run.results.map((r) => r.ruleId)).not.toContain('other-repository');
});
