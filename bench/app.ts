// App benchmark: GitHub calls per analysis by PR size, and webhook-to-check-completed time for a
// PR with 500 unique references behind a registry 50 ms away.
import { startApp } from '../test/harness/app.js';
import { delayingProxy, emptyRecording } from '../test/harness/delaying-proxy.js';
import { FakeGitHub } from '../test/harness/fake-github/server.js';
import { deliver, pullRequestPayload } from '../test/harness/fake-github/webhooks.js';
import { pushImage, retag } from '../test/harness/push.js';
import { TestRegistry } from '../test/harness/registry.js';
import { profiled } from './cpu-profile.js';
import { startFarRegistry } from './far-registry.js';
import type { Row } from './extraction.js';

const SOURCE_CALLS = /\/pulls\/\d+\/files$|\/git\/trees\/|\/graphql$/;

export async function benchApp(): Promise<Row[]> {
  const registry = await TestRegistry.start();
  const answers: [number, number, number][] = [];
  let connections = 0;
  // Kept answers let the last case replay the registry from memory: a distant registry that is not itself slow (far-registry.ts).
  const recording = emptyRecording();
  // A new connection costs the app one more round trip, as a distant registry's TCP handshake would.
  const proxy = await delayingProxy(registry.url, 50, (start, end, upstream) => answers.push([start, end, upstream]), { connectionRtt: true, onConnection: () => connections++, recording }).start();
  const github = await new FakeGitHub().start();
  // The proxy is an operator endpoint (limit 32 by default); IMAGEPIN_OPERATOR_CONCURRENCY=8 measures the public default.
  const limit = process.env.IMAGEPIN_OPERATOR_CONCURRENCY ? { IMAGEPIN_OPERATOR_CONCURRENCY: process.env.IMAGEPIN_OPERATOR_CONCURRENCY } : {};
  const env = { IMAGEPIN_ENDPOINTS: `docker.io=${proxy.url}/v2`, IMAGEPIN_ALLOW_HOSTS: '127.0.0.1', ...limit };
  let app = await startApp(github.url, env);
  const rows: Row[] = [];
  try {
    const target = { url: registry.url };
    const digest = await pushImage(target, 'library/nginx', ['1.27.3']);
    await pushImage(target, 'bench/app', ['1.0.0']);
    await retag(target, 'bench/app', '1.0.0', Array.from({ length: 499 }, (_, i) => `1.0.${i + 1}`));
    await retag(target, 'bench/app', '1.0.0', Array.from({ length: 500 }, (_, i) => `2.0.${i}`));
    let number = 0;
    const run = async (files: number, image: (i: number) => string) => {
      const tree = (v: string) => Object.fromEntries(Array.from({ length: files }, (_, i) => [`apps/app-${i}/values.yaml`, `# ${v}\nimage: ${image(i)}\n`]));
      const base = github.state.commit(tree('v1'));
      const head = github.state.commit(tree('v2'));
      github.state.setDefaultBranch('acme/gitops', base);
      github.state.openPull('acme/gitops', ++number, base, head);
      github.calls.length = 0;
      answers.length = 0;
      connections = 0;
      const started = performance.now();
      const cpuAtStart = process.cpuUsage();
      const githubAt: number[] = [];
      github.onCall = () => githubAt.push(performance.now() - started);
      const response = await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', { owner: 'acme', repo: 'gitops', number, headSha: head, baseSha: base }));
      await app.queue.onIdle();
      const total = performance.now() - started;
      // CPU of this process (app, fake GitHub and proxy share it): steadier than wall time on a loaded machine.
      const { user, system } = process.cpuUsage(cpuAtStart);
      const cpu = (user + system) / 1000;
      github.onCall = undefined;
      // Where the time goes: GitHub reads before the first registry request, the registry window, the rest.
      const first = Math.min(...answers.map((a) => a[0])) - started;
      const last = Math.max(...answers.map((a) => a[1])) - started;
      const reads = Math.max(0, ...githubAt.filter((t) => t < first));
      const check = github.state.checkRuns.find((r) => r.head_sha === head);
      if (check?.status !== 'completed') throw new Error(`check not completed for ${files} files`);
      const source = github.calls.filter((c) => SOURCE_CALLS.test(c.path)).length;
      const upstream = answers.map((a) => a[2]).sort((a, b) => a - b);
      const upstreamMs = upstream.length ? `${upstream[Math.floor(upstream.length / 2)]!.toFixed(1)} / ${upstream[Math.floor(upstream.length * 0.9)]!.toFixed(1)}` : '-';
      return { total, cpu, webhook: response.ms, source, upstreamMs, all: github.calls.filter((c) => !c.path.includes('access_tokens')).length, registry: answers.length, connections, reads, first, last };
    };
    for (const files of [10, 100, 500]) {
      const r = await run(files, () => `nginx:1.27.3@${digest}`);
      rows.push(['app', `${files} changed files: GitHub calls reading the PR files`, r.source], ['app', `${files} changed files: GitHub calls in all (target ${6 + Math.ceil(files / 100)})`, r.all]);
    }
    const r = await profiled('app-cold', () => run(500, (i) => `bench/app:1.0.${i}`));
    const s = (ms: number) => (ms / 1000).toFixed(2);
    rows.push(
      ['app', '500 unique references, registry 50 ms away: webhook answered (ms)', r.webhook.toFixed(1)],
      ['app', '500 unique references, registry 50 ms away: webhook to check completed (s)', s(r.total)],
      ['app', '… of which: until the last GitHub read before the first registry request (s)', s(r.reads)],
      ['app', '… of which: then until the first registry request (extraction) (s)', s(r.first - r.reads)],
      ['app', `… of which: registry window, first request to last answer, ${r.registry} requests (s)`, s(r.last - r.first)],
      ['app', '… registry connections the app opened (one more round trip each)', r.connections],
      ['app', '… proxy to docker-registry per request, after the 50 ms, median / p90 (ms)', r.upstreamMs],
      ['app', '… of which: last registry answer to check completed (rules, comment, check) (s)', s(r.total - r.last)],
    );
    // The same references again: every tag answer is cached, so this is the path without the registry.
    const warm = await profiled('app-cached', () => run(500, (i) => `bench/app:1.0.${i}`));
    rows.push(
      ['app', `500 unique references, tags cached (${warm.registry} registry requests): webhook to check completed (s)`, s(warm.total)],
      ['app', '… CPU time of the bench process (app, fake GitHub) (s)', s(warm.cpu)],
    );
    // GitHub's own round trip (about 100 ms from a cloud region) is what fewer sequential calls save.
    github.latencyMs = 100;
    const far = await run(500, (i) => `bench/app:2.0.${i}`);
    github.latencyMs = 0;
    rows.push(['app', `500 unique references, registry 50 ms and GitHub 100 ms away: webhook to check completed (s)`, s(far.total)], ['app', '… of which: until the last GitHub read before the first registry request (s)', s(far.reads)]);
    // A fresh app (empty caches) against the kept answers, replayed from memory after the same 50 ms
    // by another process: what the app costs when the registry is distant but not CPU-bound next to it.
    const distant = await startFarRegistry(registry.url, 50, recording, (start, end, upstream) => answers.push([start, end, upstream]), () => connections++);
    await app.stop();
    app = await startApp(github.url, { ...env, IMAGEPIN_ENDPOINTS: `docker.io=${distant.url}/v2` });
    const fast = await profiled('app-replayed', () => run(500, (i) => `bench/app:1.0.${i}`)).finally(() => distant.stop());
    const misses = answers.filter((a) => a[2] > 0).length;
    rows.push(
      ['app', `500 unique references, registry answered from memory 50 ms away by another process (${misses} not kept): webhook to check completed (s)`, s(fast.total)],
      ['app', '… of which: until the first registry request (GitHub reads, extraction) (s)', s(fast.first)],
      ['app', `… of which: registry window, first request to last answer, ${fast.registry} requests (s)`, s(fast.last - fast.first)],
      ['app', '… registry connections the app opened', fast.connections],
      ['app', '… of which: last registry answer to check completed (s)', s(fast.total - fast.last)],
      ['app', '… CPU time of the bench process (app, fake GitHub) (s)', s(fast.cpu)],
    );
  } finally {
    await app.stop();
    await github.stop();
    await proxy.stop();
    await registry.stop();
  }
  return rows;
}
