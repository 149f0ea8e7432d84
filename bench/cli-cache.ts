// The CLI's registry cache on disk: `imagepin scan` run twice as separate processes against the
// real registry behind a counting proxy (no delay); the second run is within the tag TTL.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { delayingProxy } from '../test/harness/delaying-proxy.js';
import { pushImage, retag } from '../test/harness/push.js';
import { TestRegistry } from '../test/harness/registry.js';
import { cli } from './child.js';
import type { Row } from './extraction.js';

const REPOS = 20;

/** 20 repositories, a pinned release and a floating `latest` each, in one tree; cold run, warm run, and a --no-cache run. */
export async function benchCliCache(): Promise<Row[]> {
  const registry = await TestRegistry.start();
  const proxy = await delayingProxy(registry.url, 0).start();
  const root = mkdtempSync(join(tmpdir(), 'imagepin-cli-cache-'));
  try {
    const target = { url: registry.url };
    const images: string[] = [];
    for (let r = 0; r < REPOS; r++) {
      await pushImage(target, `bench/app-${r}`, ['1.0.0', 'latest']);
      await retag(target, `bench/app-${r}`, '1.0.0', ['0.9.0', '0.9.1']);
      images.push(`bench.example/bench/app-${r}:1.0.0`, `bench.example/bench/app-${r}:latest`);
    }
    mkdirSync(join(root, 'tree'));
    const containers = images.map((image, i) => `        - {name: c${i}, image: ${image}}`).join('\n');
    writeFileSync(join(root, 'tree', 'deploy.yaml'), `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n${containers}\n`);
    const env = { ...process.env, XDG_CACHE_HOME: join(root, 'cache'), IMAGEPIN_ENDPOINTS: `bench.example=${proxy.url}/v2`, IMAGEPIN_ALLOW_HOSTS: '127.0.0.1', DOCKER_CONFIG: join(root, 'none') };
    // Asynchronously: the proxy answers from this process's event loop (execFile rejects on a non-zero exit).
    const scan = async (extra: string[] = []): Promise<{ requests: number; unresolved: number }> => {
      const before = proxy.requests.length;
      const { stdout } = await promisify(execFile)(process.execPath, [cli, 'scan', join(root, 'tree'), '--format', 'json', ...extra], { env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
      const summary = JSON.parse(/"summary":(\{[^}]*\})/.exec(stdout)![1]!) as { unresolved: number };
      return { requests: proxy.requests.length - before, unresolved: summary.unresolved };
    };
    const cold = await scan();
    const warm = await scan();
    const uncached = await scan(['--no-cache']);
    if (cold.unresolved + warm.unresolved + uncached.unresolved > 0) throw new Error('a reference did not resolve: the counts would not mean what they say');
    const label = `${images.length} references (${REPOS} floating)`;
    return [
      ['cli-cache', `${label}: registry requests, cold run`, cold.requests],
      ['cli-cache', `${label}: registry requests, warm re-run within the tag TTL (target 0)`, warm.requests],
      ['cli-cache', `${label}: registry requests, --no-cache re-run`, uncached.requests],
    ];
  } finally {
    await proxy.stop();
    await registry.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
