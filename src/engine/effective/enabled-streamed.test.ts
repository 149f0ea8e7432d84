import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultConfig } from '../../config/schema.js';
import { streamedScan } from '../../cli/scan-streamed.js';

// An Argo CD Application whose second values file enables the exporter the first one disables,
// and a block no layer enables: the streamed path (decision 41) must decide them as the in-memory one.
const TREE: Record<string, string> = {
  'apps/shop.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: shop\nspec:\n  source:\n    repoURL: https://github.com/example/gitops.git\n    path: charts/shop\n    helm:\n      valueFiles: [values.yaml, values-prod.yaml]\n',
  'charts/shop/values.yaml': 'metrics:\n  enabled: false\n  image:\n    repository: quay.io/example/shop-exporter\n    tag: 0.3.0\ncache:\n  enabled: false\n  image: docker.io/library/redis:7.4\n',
  'charts/shop/values-prod.yaml': 'metrics:\n  enabled: true\n',
};

async function scan(dir: string, streamFrom: number): Promise<string> {
  const out: string[] = [];
  await streamedScan(dir, defaultConfig(), undefined, { stdout: (t: string) => void out.push(t), stderr: () => undefined, isTTY: false }, { streamFrom });
  return out.join('');
}

test('an image that a later values file enables is an occurrence on the streamed path too, byte for byte as in memory', async () => {
  const root = mkdtempSync(join(tmpdir(), 'imagepin-enabled-'));
  try {
    for (const [file, text] of Object.entries(TREE)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    const streamed = await scan(root, 0);
    expect(streamed).toBe(await scan(root, Number.MAX_SAFE_INTEGER));
    const report = JSON.parse(streamed) as { occurrences: { raw: string }[]; notFollowed: { url: string }[] };
    expect(report.occurrences.map((o) => o.raw)).toEqual(['quay.io/example/shop-exporter:0.3.0']);
    expect(report.notFollowed.map((n) => n.url)).toEqual(['docker.io/library/redis:7.4']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
