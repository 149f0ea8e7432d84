import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { describeWithBinary } from '../harness/binaries.js';
import { pushImage } from '../harness/push.js';
import { TestRegistry } from '../harness/registry.js';

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false }, { DOCKER_CONFIG: '/nonexistent', ...env });
  return { code, stdout, stderr };
}

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'imagepin scan resolves against the registry', () => {
  let registry: TestRegistry;
  let dir: string;
  const digests: Record<string, string> = {};

  beforeAll(async () => {
    registry = await TestRegistry.start();
    const target = { url: registry.url };
    digests.nginx = await pushImage(target, 'library/nginx', ['1.27.3', 'latest'], 'oci-index');
    digests.metallb = await pushImage(target, 'metallb/controller', ['main'], 'docker-v2');
    dir = mkdtempSync(join(tmpdir(), 'imagepin-cli-'));
    mkdirSync(join(dir, 'apps'));
    writeFileSync(join(dir, 'apps', 'deploy.yaml'), [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template:', '    spec:', '      containers:',
      '        - {name: web, image: nginx:latest}', '        - {name: pinned, image: "nginx:1.27.3"}', '        - {name: lb, image: quay.io/metallb/controller:main}',
      '        - {name: typo, image: quay.io/ceph/ceph:v17.2.31}', '',
    ].join('\n'));
  });
  afterAll(async () => {
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('JSON carries each occurrence\'s resolution', async () => {
    const { code, stdout, stderr } = await run(['scan', dir, '--format', 'json', '--endpoint', `docker.io=${registry.url}/v2`, '--endpoint', `quay.io=${registry.url}/v2`]);
    expect([code, stderr]).toEqual([0, '']);
    const doc = JSON.parse(stdout);
    expect(doc.summary).toEqual({ files: 1, occurrences: 4, artifacts: 0, diagnostics: 0, notFollowed: 0, uniqueReferences: 4, unresolved: 1 });
    expect(doc.occurrences.map((o: { raw: string; resolution: Record<string, unknown> }) => [o.raw, o.resolution.status, o.resolution.digest, o.resolution.version, o.resolution.versionSource, (o.resolution.error as { kind?: string })?.kind])).toEqual([
      ['nginx:latest', 'resolved', digests.nginx, '1.27.3', 'shared-digest', undefined],
      ['nginx:1.27.3', 'resolved', digests.nginx, '1.27.3', 'tag', undefined],
      ['quay.io/metallb/controller:main', 'resolved', digests.metallb, undefined, 'development-build', undefined],
      ['quay.io/ceph/ceph:v17.2.31', 'unresolved', undefined, undefined, undefined, 'not-found'],
    ]);
  });

  test('text shows the release, the digest and the problem on each line; endpoints can come from the environment', async () => {
    const { code, stdout } = await run(['scan', dir], { IMAGEPIN_ENDPOINTS: `docker.io=${registry.url}/v2,quay.io=${registry.url}/v2` });
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.find((l) => l.includes('nginx:latest'))).toContain(`→ release 1.27.3 ${digests.nginx!.slice(0, 19)}…`);
    expect(lines.find((l) => l.includes('metallb'))).toContain('→ development build (no release shares this digest)');
    expect(lines.find((l) => l.includes('ceph'))).toContain('unresolved (not-found): quay.io/ceph/ceph:v17.2.31 does not exist in quay.io');
    expect(lines.at(-2)).toBe('4 image references in 1 file, 0 file problems, 1 of 4 unique references unresolved');
  });
});
