// Resolver benchmark: unique tags against the real registry (JWT token mode) behind a proxy that
// adds 50 ms to every request, compared with `skopeo inspect` over the same references.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { ref } from '../test/helpers/ref.js';
import { MemoryCache } from '../src/resolver/cache.js';
import { createResolver } from '../src/resolver/index.js';
import { delayingProxy } from '../test/harness/delaying-proxy.js';
import { pushImage, retag } from '../test/harness/push.js';
import { TestRegistry } from '../test/harness/registry.js';
import { TokenServer } from '../test/harness/token-server.js';
import type { Row } from './extraction.js';

const REPOS = 30;
const DELAY_MS = 50;


export async function benchResolver(sizes = [300, 3000]): Promise<Row[]> {
  const tokens = new TokenServer({}, true);
  await tokens.start();
  const registry = await TestRegistry.start({ mode: 'token', realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, certPath: tokens.certPath });
  const proxy = await delayingProxy(registry.url, DELAY_MS).start();
  const rows: Row[] = [];
  try {
    const perRepo = Math.max(...sizes) / REPOS;
    const target = { url: registry.url, authorization: (repo: string) => `Bearer ${tokens.mint(repo, ['pull', 'push'])}` };
    const digests: string[] = [];
    for (let r = 0; r < REPOS; r++) {
      digests.push(await pushImage(target, `bench/app-${r}`, ['1.0.0']));
      await retag(target, `bench/app-${r}`, '1.0.0', Array.from({ length: perRepo - 1 }, (_, i) => `1.0.${i + 1}`));
    }
    for (const size of sizes) {
      const tags = Array.from({ length: size }, (_, i) => ({ repo: i % REPOS, tag: `1.0.${Math.floor(i / REPOS)}` }));
      const label = `${size} unique tags`;
      const cache = new MemoryCache();
      const endpoints = [`bench.example=${proxy.url}/v2`];
      const cold = createResolver({ endpoints, allowHosts: ['127.0.0.1'], cache });
      const before = { proxy: proxy.requests.length, tokens: tokens.requests.length };
      let started = performance.now();
      const results = await cold.resolver.resolveAll(tags.map((t) => ref(`bench.example/bench/app-${t.repo}:${t.tag}`)));
      const coldMs = performance.now() - started;
      const unresolved = [...results.values()].filter((r) => r.status !== 'resolved').length;
      const coldRequests = proxy.requests.length - before.proxy;
      const coldTokens = tokens.requests.length - before.tokens;
      await cold.close();

      const warm = createResolver({ endpoints, allowHosts: ['127.0.0.1'], cache });
      const pinned = tags.map((t) => ref(`bench.example/bench/app-${t.repo}@${digests[t.repo]}`));
      await warm.resolver.resolveAll(pinned);
      const afterDigestCold = proxy.requests.length;
      started = performance.now();
      const warmAgain = createResolver({ endpoints, allowHosts: ['127.0.0.1'], cache });
      await warmAgain.resolver.resolveAll([...pinned, ...tags.map((t) => ref(`bench.example/bench/app-${t.repo}:${t.tag}`))]);
      const warmMs = performance.now() - started;
      const warmRequests = proxy.requests.length - afterDigestCold;
      await warm.close();
      await warmAgain.close();

      rows.push(
        ['resolver', `${label}: imagepin cold wall time (s)`, (coldMs / 1000).toFixed(2)],
        ['resolver', `${label}: imagepin registry requests per unique reference, cold`, (coldRequests / size).toFixed(3)],
        ['resolver', `${label}: imagepin token requests, cold (${REPOS} repositories)`, coldTokens],
        ['resolver', `${label}: imagepin unresolved`, unresolved],
        ['resolver', `${label}: imagepin requests, warm (digest-pinned and cached tags)`, warmRequests],
        ['resolver', `${label}: imagepin warm wall time (ms)`, warmMs.toFixed(1)],
        ...(await skopeo(tags, proxy.host, proxy, tokens, label)),
      );
    }
  } finally {
    await proxy.stop();
    await registry.stop();
    await tokens.stop();
  }
  return rows;
}

/**
 * `skopeo inspect` in a loop over (at most 300 of) the same references, as a person would script it.
 * Run asynchronously: the delaying proxy lives in this process and must keep answering.
 */
async function skopeo(tags: { repo: number; tag: string }[], host: string, proxy: { requests: unknown[] }, tokens: { requests: unknown[] }, label: string): Promise<Row[]> {
  if (spawnSync('sh', ['-c', 'command -v skopeo']).status !== 0) return [['resolver', `${label}: skopeo`, 'not installed (apt-get install skopeo)']];
  const step = Math.max(1, Math.floor(tags.length / 300));
  const sample = tags.filter((_, i) => i % step === 0);
  const before = { proxy: proxy.requests.length, tokens: tokens.requests.length };
  const started = performance.now();
  for (const t of sample) {
    await promisify(execFile)('skopeo', ['inspect', '--tls-verify=false', '--no-tags', '--format', '{{.Digest}}', `docker://${host}/bench/app-${t.repo}:${t.tag}`]);
  }
  const ms = performance.now() - started;
  const scale = tags.length / sample.length;
  const note = sample.length < tags.length ? ` (${sample.length} run, scaled x${scale})` : '';
  return [
    ['resolver', `${label}: skopeo inspect loop wall time (s)${note}`, ((ms * scale) / 1000).toFixed(1)],
    ['resolver', `${label}: skopeo registry requests per reference`, ((proxy.requests.length - before.proxy) / sample.length).toFixed(2)],
    ['resolver', `${label}: skopeo token requests per reference`, ((tokens.requests.length - before.tokens) / sample.length).toFixed(2)],
  ];
}
