import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../src/config/load.js';
import { analyze } from '../../src/engine/analyze.js';
import { createResolver, type ResolverStack } from '../../src/resolver/index.js';
import { LocalSource } from '../../src/sources/local.js';
import { describeWithBinary } from '../harness/binaries.js';
import { pushImage } from '../harness/push.js';
import { TestRegistry } from '../harness/registry.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Copies a scenario tree to a temp dir, replacing DIGEST(repo:tag) with the digest pushed for it. */
function materialise(tree: string, digests: Map<string, string>): string {
  const out = mkdtempSync(join(tmpdir(), 'imagepin-scenario-'));
  cpSync(join(here, tree), out, { recursive: true });
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else writeFileSync(path, readFileSync(path, 'utf8').replace(/DIGEST\(([^)]+)\)/g, (_, key: string) => {
        const digest = digests.get(key);
        if (!digest) throw new Error(`scenario names ${key}, which the test did not push`);
        return digest;
      }));
    }
  };
  walk(out);
  return out;
}

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'the five incidents of DESIGN.md, replayed against a real registry', () => {
  let registry: TestRegistry;
  let stack: ResolverStack;
  const digests = new Map<string, string>();
  const dirs: string[] = [];

  beforeAll(async () => {
    registry = await TestRegistry.start();
    const target = { url: registry.url };
    const push = async (repo: string, tags: string[], kind: Parameters<typeof pushImage>[3] = 'docker-list'): Promise<string> => {
      const digest = await pushImage(target, repo, tags, kind);
      for (const tag of tags) digests.set(`${repo}:${tag}`, digest);
      return digest;
    };
    await push('goharbor/harbor-db', ['dev']);
    await push('goharbor/harbor-db', ['v2.11.0']);
    await push('library/postgres', ['13.16']);
    await push('library/postgres', ['14.13']);
    await push('ceph/ceph', ['v17.2.7'], 'oci-index');
    await push('goharbor/harbor-core', ['v2.11.1']);
    await push('bitnami/redis', ['7.4.1']);
    await push('library/nginx', ['1.27.3']);
    await push('acme/api', ['1.0.0'], 'oci-manifest');
    const pruned = await push('builds/builds-api', ['0.0.130'], 'docker-v2');
    await push('builds/builds-api', ['0.0.131'], 'docker-v2');
    // The registry's retention policy ("keep the last 10 tags") prunes the release still running.
    const deleted = await fetch(`${registry.url}/v2/builds/builds-api/manifests/${pruned}`, { method: 'DELETE' });
    expect(deleted.status).toBe(202);
    await push('metallb/controller', ['main'], 'docker-v2');
    await push('metallb/controller', ['v0.14.8'], 'docker-v2');
    await push('metallb/speaker', ['main'], 'docker-v2');
    await push('metallb/speaker', ['v0.14.8'], 'docker-v2');
  });
  afterAll(async () => {
    await registry?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    const endpoints = ['docker.io', 'quay.io', 'ghcr.io', 'registry.example.com'].map((r) => `${r}=${registry.url}/v2`);
    stack = createResolver({ endpoints });
  });
  afterEach(() => stack.close());

  const messages: Record<string, string[]> = {};

  async function findings(scenario: string): Promise<string[]> {
    const head = materialise(`${scenario}/head`, digests);
    dirs.push(head);
    let base: string | undefined;
    if (statSync(join(here, scenario)).isDirectory() && readdirSync(join(here, scenario)).includes('base')) dirs.push((base = materialise(`${scenario}/base`, digests)));
    let configText: string | undefined;
    try {
      configText = readFileSync(join(head, '.github', 'imagepin.yml'), 'utf8');
    } catch {
      configText = undefined;
    }
    const loaded = loadConfig(configText);
    expect(loaded.ok).toBe(true);
    const analysis = await analyze({ head: new LocalSource(head), base: base ? new LocalSource(base) : undefined, config: loaded.config, resolver: stack.resolver });
    messages[scenario] = analysis.findings.map((f) => f.message);
    return analysis.findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}:${f.span.start.line}`);
  }

  test('1. a rolling chart default (:dev with IfNotPresent), and a stateful downgrade against the base branch', async () => {
    expect(await findings('1-rolling-chart-default')).toEqual([
      'error floating-tag apps/registry/values.yaml:5',
      'warning pull-policy-skew apps/registry/values.yaml:6',
      'error stateful-major-change apps/registry/values.yaml:10',
    ]);
    expect(messages['1-rolling-chart-default']?.[2]).toBe('`postgres:13.16@sha256:' + digests.get('library/postgres:13.16')!.slice(7, 19) + '…` is a downgrade of a stateful image (14.13 → 13.16): data written by the newer version may not be readable by the older one.');
  });

  test('2. a tag typo, the registry pulling itself through its own mirror, a fallback that is not a registry, a floating subchart', async () => {
    expect(await findings('2-typo-self-hosted-registry')).toEqual([
      'error registry-self-pull apps/harbor/helmrelease.yaml:15',
      'warning floating-chart-version charts/platform/Chart.yaml:6',
      'error tag-not-found infrastructure/rook/cephcluster.yaml:8',
      'error mirror-fallback talos/worker.yaml:13',
    ]);
  });

  test('3. Docker Hub images although a mirror is configured', async () => {
    expect(await findings('3-docker-hub-rate-limits')).toEqual([
      'warning public-registry apps/cache/values.yaml:2',
      'warning public-registry apps/web/deployment.yaml:10',
    ]);
  });

  test('4. the running release was pruned from the registry', async () => {
    expect(await findings('4-pruned-release')).toEqual(['error tag-not-found apps/builds/deployment.yaml:12']);
  });

  test('5. MetalLB from :main, a development build no release shares', async () => {
    expect(await findings('5-nightly-build')).toEqual([
      'error floating-tag apps/metallb/kustomization.yaml:8',
      'warning pull-policy-skew apps/metallb/kustomization.yaml:8',
      'error floating-tag apps/metallb/kustomization.yaml:10',
      'warning pull-policy-skew apps/metallb/kustomization.yaml:10',
    ]);
    expect(messages['5-nightly-build']?.[0]).toMatch(/^`quay.io\/metallb\/controller:main` is a floating tag: .*no release shares its digest \(sha256:[0-9a-f]{12}…\): it is a development build\.$/);
  });
});
