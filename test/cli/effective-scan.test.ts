import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';

const PIN = `sha256:${'b'.repeat(64)}`;
const deployment = (image: string): string => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app}\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ${image}\n`;

// A tree of our own: a kustomize base whose floating tag the only overlay pins, and a Flux
// Kustomization that substitutes `latest` into another app's tag.
const TREE: Record<string, string> = {
  'shop/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'shop/base/deployment.yaml': deployment('ghcr.io/acme/shop:latest'),
  'shop/overlays/prod/kustomization.yaml': `resources:\n  - ../../base\nimages:\n  - name: ghcr.io/acme/shop\n    newTag: 2.0.0\n    digest: ${PIN}\n`,
  'apps/api/deployment.yaml': deployment('ghcr.io/acme/api:${API_TAG}'),
  'clusters/home/api.yaml': 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: api, namespace: flux-system}\nspec:\n  path: ./apps/api\n  postBuild:\n    substitute:\n      API_TAG: latest\n',
};

interface JsonFinding { ruleId: string; file: string; span: { start: { line: number } }; reference?: string; effective?: { reference: string; for?: { kind: string; file: string; name?: string }; provenance: { kind: string; file: string; line?: number }[] } }

test('imagepin scan --format json checks what runs: the pinned overlay clears the base tag, the Flux substitution to latest is a finding with its provenance', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'imagepin-effective-'));
  for (const [file, text] of Object.entries(TREE)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  let stdout = '';
  const code = await main(['scan', dir, '--offline', '--format', 'json'], { stdout: (t) => (stdout += t), stderr: (t) => (stdout += t), isTTY: false }, {});
  rmSync(dir, { recursive: true, force: true });
  expect(code).not.toBe(2);
  const findings = (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
  expect(findings.filter((f) => f.file === 'shop/base/deployment.yaml')).toEqual([]);
  const floating = findings.find((f) => f.ruleId === 'floating-tag' && f.file === 'apps/api/deployment.yaml');
  expect(floating).toMatchObject({
    span: { start: { line: 9 } },
    reference: 'ghcr.io/acme/api:latest',
    effective: { reference: 'ghcr.io/acme/api:latest', for: { kind: 'flux-kustomization', file: 'clusters/home/api.yaml', name: 'api' }, provenance: [{ kind: 'flux-substitute', file: 'clusters/home/api.yaml', line: 8 }] },
  });
});
