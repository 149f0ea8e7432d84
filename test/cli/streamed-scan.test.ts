import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { generateArgo } from '../../bench/generate-argo.js';
import { generateHomeOps } from '../../bench/generate-home-ops.js';
import { generateRepo } from '../../bench/generate-repo.js';
import { main } from '../../src/cli/main.js';
import { streamedScan } from '../../src/cli/scan-streamed.js';
import { readConfig } from '../../src/cli/shared.js';
import { analyze } from '../../src/engine/analyze.js';
import { toJson } from '../../src/reporters/json.js';
import { atLeast } from '../../src/rules/run.js';
import { LocalSource } from '../../src/sources/local.js';

// Patch files, a file that names one the tree lacks, a stray chart and a mirror config: the parts
// of the streamed path (decision 41) that read another file back or merge findings of one file.
const EXTRA: Record<string, string> = {
  'patched/base/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.0\n',
  'patched/overlay/kustomization.yaml': 'resources: [../base/deploy.yaml]\npatches:\n  - path: image.yaml\n  - path: missing.yaml\nimages:\n  - name: ghcr.io/acme/api\n    newTag: "2.0"\n',
  'patched/overlay/image.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:latest\n',
  // In the overlay's folder but in no kustomization: a not-in-kustomization notice, its image not reported (decision 0060).
  'patched/overlay/unused.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: once}\nspec:\n  template:\n    spec:\n      containers:\n        - name: once\n          image: ghcr.io/acme/once:1.0\n',
  'talos/machine.yaml': 'machine:\n  registries:\n    mirrors:\n      docker.io:\n        endpoints: [http://mirror.local:5000]\n  install:\n    image: ghcr.io/siderolabs/installer:v1.7.0\n',
};

const io = () => {
  const out: string[] = [];
  return { out, io: { stdout: (t: string) => void out.push(t), stderr: () => undefined, isTTY: false } };
};

/** What the in-memory pipeline prints for the tree, and the exit code --fail-on warning would give. */
async function inMemory(dir: string): Promise<{ json: string; code: number }> {
  const config = (await readConfig(dir, undefined, io().io))!;
  const { inventory, findings } = await analyze({ head: new LocalSource(dir), config });
  const incomplete = inventory.diagnostics.some((d) => d.code === 'internal-error');
  return { json: toJson(inventory, findings), code: incomplete || findings.some((f) => atLeast(f.severity, 'warning')) ? 1 : 0 };
}

describe('scan --offline --format json, streamed file by file', () => {
  const root = mkdtempSync(join(tmpdir(), 'imagepin-streamed-'));
  const spills = join(root, 'tmp');
  const saved = process.env.TMPDIR;
  beforeAll(() => {
    mkdirSync(spills);
    // The spill files go to the system's temporary folder: a folder of this test's own, to see that none is left.
    process.env.TMPDIR = spills;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(root, { recursive: true, force: true });
  });

  it.each([
    ['a mixed synthetic tree with patch files and a mirror config', (dir: string) => {
      generateRepo(dir, 1);
      for (const [path, text] of Object.entries(EXTRA)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
    }],
    ['a home-ops-like tree', (dir: string) => void generateHomeOps(dir, 12)],
    ['an Argo CD-like tree', (dir: string) => void generateArgo(dir, 8)],
    ['examples/gitops', undefined],
  ])('prints what the in-memory pipeline prints, byte for byte, and leaves no spill file: %s', async (name, generate) => {
    const dir = generate ? join(root, name.replace(/\W+/g, '-')) : resolve('examples/gitops');
    generate?.(dir);
    const expected = await inMemory(dir);
    const streamed = io();
    // Streamed whatever the tree's size (the CLI streams from STREAM_FROM_FILES listed files).
    const code = await streamedScan(dir, (await readConfig(dir, undefined, io().io))!, 'warning', streamed.io, { streamFrom: 0 });
    expect(streamed.out.join('')).toBe(expected.json);
    // And the CLI, which keeps a tree this small in memory, prints the same.
    const cli = io();
    expect(await main(['scan', dir, '--offline', '--format', 'json', '--fail-on', 'warning'], cli.io)).toBe(expected.code);
    expect(cli.out.join('')).toBe(expected.json);
    expect(code).toBe(expected.code);
    expect(JSON.parse(expected.json).findings.length).toBeGreaterThan(0);
    // The manifest EXTRA leaves out of every kustomization is the only one of these trees (the generators write none).
    expect(JSON.parse(expected.json).notFollowed.filter((n: { code: string }) => n.code === 'not-in-kustomization').map((n: { file: string }) => n.file)).toEqual(generate && name.startsWith('a mixed') ? ['patched/overlay/unused.yaml'] : []);
    expect(readdirSync(spills)).toEqual([]);
  }, 120_000);

  it('removes the spill file when writing the report fails half way', async () => {
    let chunks = 0;
    const failing = {
      stdout: () => {
        if (++chunks === 3) throw new Error('the reader went away');
      },
      stderr: () => undefined,
      isTTY: false,
    };
    const dir = resolve('examples/gitops');
    await expect(streamedScan(dir, (await readConfig(dir, undefined, io().io))!, undefined, failing, { streamFrom: 0 })).rejects.toThrow('the reader went away');
    expect(chunks).toBe(3);
    expect(readdirSync(spills)).toEqual([]);
  });
});
