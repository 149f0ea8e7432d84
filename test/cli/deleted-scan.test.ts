import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { streamedScan } from '../../src/cli/scan-streamed.js';
import { readConfig } from '../../src/cli/shared.js';

// A base Job and a custom resource that both overlays delete (decision 0067): the CLI, in memory and streamed.
const TREE: Record<string, string> = {
  'apps/base/kustomization.yaml': 'resources: [backup.yaml, indexer.yaml]\n',
  'apps/base/backup.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: backup}\nspec:\n  template:\n    spec:\n      containers:\n        - name: backup\n          image: ghcr.io/library-co/backup:5.0.2\n',
  'apps/base/indexer.yaml': 'apiVersion: search.example.io/v1beta1\nkind: Indexer\nmetadata: {name: books}\nspec:\n  image: ghcr.io/library-co/indexer:1.2.0\n',
  'apps/staging/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: drop-indexer.yaml\n',
  'apps/staging/drop-indexer.yaml': 'apiVersion: search.example.io/v1beta1\nkind: Indexer\nmetadata:\n  name: books\n$patch: delete\n',
  'apps/prod/kustomization.yaml': 'resources: [../base]\npatchesStrategicMerge:\n  - |-\n    apiVersion: search.example.io/v1beta1\n    kind: Indexer\n    metadata: {name: books}\n    $patch: delete\n',
};

const io = () => {
  const out: string[] = [];
  return { out, io: { stdout: (t: string) => void out.push(t), stderr: () => undefined, isTTY: false } };
};

describe('scan of a tree whose overlays all delete a base object', () => {
  const root = mkdtempSync(join(tmpdir(), 'imagepin-deleted-'));
  beforeAll(() => {
    for (const [path, text] of Object.entries(TREE)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reports the notice, not the deleted object\'s image, in memory and streamed alike', async () => {
    const cli = io();
    await main(['scan', root, '--offline', '--format', 'json'], cli.io);
    const json = JSON.parse(cli.out.join(''));
    expect(json.occurrences.map((o: { file: string }) => o.file)).toEqual(['apps/base/backup.yaml']);
    expect(json.notFollowed).toEqual([expect.objectContaining({
      file: 'apps/base/indexer.yaml', code: 'deleted-by-patch', object: 'Indexer books',
      deletedBy: ['apps/prod/kustomization.yaml line 3', 'apps/staging/kustomization.yaml line 3'],
    })]);
    const streamed = io();
    await streamedScan(root, (await readConfig(root, undefined, io().io))!, 'warning', streamed.io, { streamFrom: 0 });
    expect(streamed.out.join('')).toBe(cli.out.join(''));
    const text = io();
    await main(['scan', root, '--offline'], text.io);
    expect(text.out.join('')).toContain('1 object every kustomization deletes not checked');
  });
});
