import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { releaseChart } from '../../scripts/release-chart.js';
import { main } from '../../src/cli/main.js';
import { describeWithBinary } from '../harness/binaries.js';
import { pushImage } from '../harness/push.js';
import { TestRegistry } from '../harness/registry.js';
import { CHART, helm, helmTools } from './helm.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const PINNING = ['floating-tag', 'missing-tag', 'unpinned-digest', 'tag-not-found', 'stale-digest'];

// imagepin practises what it checks: the released chart's rendered manifests pass imagepin's own
// pinning rules, resolved against a real registry that serves ghcr.io/imagepin/imagepin:VERSION.
describeWithBinary('docker-registry', 'apt-get install docker-registry', 'imagepin scan over the rendered chart', () => {
  let registry: TestRegistry;
  let digest: string;
  const dir = mkdtempSync(join(tmpdir(), 'imagepin-dogfood-'));
  const tools = helmTools();

  beforeAll(async () => {
    if ('error' in tools) throw new Error(tools.error);
    registry = await TestRegistry.start();
    digest = await pushImage({ url: registry.url }, 'imagepin/imagepin', [version], 'oci-index');
  });
  afterAll(async () => {
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const scan = async (chart: string): Promise<string[]> => {
    const bin = 'bin' in tools ? tools.bin : '';
    writeFileSync(join(dir, 'rendered.yaml'), helm(bin, ['template', 'imagepin', chart]));
    let out = '';
    const code = await main(['scan', dir, '--format', 'json', '--endpoint', `ghcr.io=${registry.url}/v2`], { stdout: (t) => (out += t), stderr: (t) => (out += t), isTTY: false }, { DOCKER_CONFIG: '/nonexistent' });
    expect(code).toBe(0);
    return JSON.parse(out).findings.map((f: { ruleId: string }) => f.ruleId).filter((id: string) => PINNING.includes(id));
  };

  test('the released chart (version@digest written by the release step) has no pinning finding', async () => {
    releaseChart(CHART, join(dir, 'chart'), { version, digest });
    expect(await scan(join(dir, 'chart'))).toEqual([]);
    rmSync(join(dir, 'chart'), { recursive: true, force: true });
  });

  test('the source chart, which has no digest yet, is reported as unpinned: imagepin does not pretend', async () => {
    expect(await scan(CHART)).toEqual(['unpinned-digest']);
  });
});
