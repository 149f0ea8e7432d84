import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { streamedScan } from '../../src/cli/scan-streamed.js';
import { readConfig } from '../../src/cli/shared.js';
import { analyze } from '../../src/engine/analyze.js';
import { toJson } from '../../src/reporters/json.js';
import { LocalSource } from '../../src/sources/local.js';

// An overlay's `images:` entry writes no pull policy; the containers it retags do (decision 0063).
const sts = (policy: string) => `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: cache}\nspec:\n  template:\n    spec:\n      containers:\n        - name: cache\n          image: valkey/valkey:8.0.1-alpine\n${policy ? `          imagePullPolicy: ${policy}\n` : ''}`;
const overlay = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [sts.yaml]\nimages:\n  - name: valkey/valkey\n    newTag: 8.0-alpine\n';

const io = () => {
  const out: string[] = [];
  return { out, io: { stdout: (t: string) => void out.push(t), stderr: () => undefined, isTTY: false } };
};

describe('pull-policy-skew on an overlay images: entry takes the policy of the container it retags', () => {
  const root = mkdtempSync(join(tmpdir(), 'imagepin-retag-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** The pull-policy-skew messages on the kustomization, in memory and streamed (which must agree byte for byte). */
  async function skew(name: string, policy: string): Promise<string[]> {
    const dir = join(root, name);
    for (const [path, text] of Object.entries({ 'cache/sts.yaml': sts(policy), 'cache/kustomization.yaml': overlay })) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const config = (await readConfig(dir, undefined, io().io))!;
    const { inventory, findings } = await analyze({ head: new LocalSource(dir), config });
    const streamed = io();
    await streamedScan(dir, config, undefined, streamed.io, { streamFrom: 0 });
    expect(streamed.out.join('')).toBe(toJson(inventory, findings));
    return findings.filter((f) => f.ruleId === 'pull-policy-skew' && f.file === 'cache/kustomization.yaml').map((f) => f.message);
  }

  it('names IfNotPresent and the line that writes it, not "no pull policy"', async () => {
    const messages = await skew('if-not-present', 'IfNotPresent');
    expect(messages).toEqual([expect.stringContaining('is pulled with pull policy IfNotPresent (written on the container it retags: cache/sts.yaml:10): if it moves')]);
    expect(messages.join('\n')).not.toMatch(/no pull policy/);
  });

  it('says no pull policy only when the container writes none', async () => {
    expect(await skew('none', '')).toEqual([expect.stringContaining('is pulled with no pull policy (so IfNotPresent, the default; the container it retags writes none: cache/sts.yaml:9)')]);
  });

  it('finds no skew when the container it retags pulls Always', async () => {
    expect(await skew('always', 'Always')).toEqual([]);
  });
});
