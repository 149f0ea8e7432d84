import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { describeWithBinary } from '../harness/binaries.js';
import { copyImage, pushImage } from '../harness/push.js';
import { TestRegistry } from '../harness/registry.js';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false }, { DOCKER_CONFIG: '/nonexistent' });
  return { code, stdout, stderr };
}

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:latest   # front door
        - name: tools
          image: "busybox:1.36.1"
        - name: cache
          image: bitnami/redis:7.4.1
`;

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'imagepin pin against a real registry and a mirror', () => {
  let registry: TestRegistry;
  let dir: string;
  const d: Record<string, string> = {};
  let endpoints: string[];

  beforeAll(async () => {
    registry = await TestRegistry.start();
    const target = { url: registry.url };
    d.nginx = await pushImage(target, 'library/nginx', ['1.27.3', 'latest']);
    d.busybox = await pushImage(target, 'library/busybox', ['1.36.1']);
    d.redis = await pushImage(target, 'bitnami/redis', ['7.4.1']);
    d.metallb = await pushImage(target, 'metallb/controller', ['main']);
    // The mirror holds nginx with the same digest, busybox with another one, and no redis.
    await copyImage(target, 'library/nginx', '1.27.3', 'dockerhub/library/nginx');
    d.otherBusybox = await pushImage(target, 'dockerhub/library/busybox', ['1.36.1']);
    d.postgres = await pushImage(target, 'bitnami/postgresql', ['16.4.0']);
    d.shell = await pushImage(target, 'bitnami/os-shell', ['12']);
    await copyImage(target, 'bitnami/postgresql', '16.4.0', 'dockerhub/bitnami/postgresql');
    endpoints = ['docker.io', 'quay.io', 'mirror.example.com'].flatMap((r) => ['--endpoint', `${r}=${registry.url}/v2`]);
  });
  afterAll(async () => registry?.stop());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'imagepin-pin-'));
    mkdirSync(join(dir, '.github'));
    mkdirSync(join(dir, 'apps'));
    writeFileSync(join(dir, '.github', 'imagepin.yml'), 'mirrors:\n  docker.io: mirror.example.com/dockerhub\n');
    writeFileSync(join(dir, 'apps', 'deploy.yaml'), DEPLOY);
    writeFileSync(join(dir, 'apps', 'kustomization.yaml'), 'images:\n  - name: quay.io/metallb/controller\n    newTag: main\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('pins in place, keeps comments and quotes; a re-scan finds nothing floating or unpinned; a second run changes nothing', async () => {
    const { code, stderr } = await run(['pin', dir, ...endpoints]);
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'apps', 'deploy.yaml'), 'utf8')).toBe(DEPLOY
      .replace('nginx:latest   # front door', `nginx:1.27.3@${d.nginx}   # front door`)
      .replace('"busybox:1.36.1"', `"busybox:1.36.1@${d.busybox}"`)
      .replace('bitnami/redis:7.4.1', `bitnami/redis:7.4.1@${d.redis}`));
    expect(readFileSync(join(dir, 'apps', 'kustomization.yaml'), 'utf8')).toBe(`images:\n  - name: quay.io/metallb/controller\n    newTag: main\n    digest: ${d.metallb}\n`);
    expect(stderr).toContain(`apps/deploy.yaml:9  docker.io/library/nginx:latest → docker.io/library/nginx:1.27.3@${d.nginx}  (latest is release 1.27.3)`);
    expect(stderr).toContain('(main is a development build: pinned as it is (frozen, not fixed: move it to a release))');
    expect(stderr.trimEnd().split('\n').pop()).toBe('imagepin pin: changed 4 references in 2 files; 0 left as they are');

    const scan = JSON.parse((await run(['scan', dir, '--format', 'json', ...endpoints])).stdout);
    expect(scan.findings.filter((f: { ruleId: string }) => ['floating-tag', 'unpinned-digest', 'missing-tag', 'pull-policy-skew'].includes(f.ruleId))).toEqual([]);
    expect((await run(['pin', dir, ...endpoints])).stderr.trimEnd().split('\n').pop()).toBe('imagepin pin: changed 0 references in 0 files; 0 left as they are');
  });

  test('a file with a UTF-8 BOM is pinned at the right offsets and keeps its BOM', async () => {
    writeFileSync(join(dir, 'apps', 'deploy.yaml'), `\uFEFF${DEPLOY}`);
    const { code, stderr } = await run(['pin', dir, ...endpoints]);
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'apps', 'deploy.yaml'), 'utf8')).toBe(`\uFEFF${DEPLOY}`
      .replace('nginx:latest   # front door', `nginx:1.27.3@${d.nginx}   # front door`)
      .replace('"busybox:1.36.1"', `"busybox:1.36.1@${d.busybox}"`)
      .replace('bitnami/redis:7.4.1', `bitnami/redis:7.4.1@${d.redis}`));
    expect(stderr.trimEnd().split('\n').pop()).toBe('imagepin pin: changed 4 references in 2 files; 0 left as they are');
  });

  test('--mirror moves only what the mirror serves with the same digest, and says why it left the rest', async () => {
    const { stderr } = await run(['pin', dir, '--mirror', ...endpoints]);
    const text = readFileSync(join(dir, 'apps', 'deploy.yaml'), 'utf8');
    expect(text).toContain(`image: mirror.example.com/dockerhub/library/nginx:1.27.3@${d.nginx}   # front door`);
    expect(text).toContain(`image: "busybox:1.36.1@${d.busybox}"`);
    expect(text).toContain(`image: bitnami/redis:7.4.1@${d.redis}`);
    expect(stderr).toContain(`busybox:1.36.1: not moved: the mirror serves another digest for mirror.example.com/dockerhub/library/busybox:1.36.1: ${d.otherBusybox!}, upstream ${d.busybox!} (sync the mirror first)`);
    expect(stderr).toContain('bitnami/redis:7.4.1: not moved: the mirror does not have mirror.example.com/dockerhub/bitnami/redis:7.4.1 (replicate it first)');
  });

  test('a shared global.imageRegistry moves only when every image that uses it is on the mirror', async () => {
    const bitnami = (images: string) => `global:\n  imageRegistry: docker.io\n${images}`;
    const postgres = `postgresql:\n  image:\n    registry: docker.io\n    repository: bitnami/postgresql\n    tag: "16.4.0"\n    digest: "${d.postgres}"\n`;
    const shell = `shell:\n  image:\n    registry: docker.io\n    repository: bitnami/os-shell\n    tag: "12"\n    digest: "${d.shell}"\n`;
    writeFileSync(join(dir, 'apps', 'values.yaml'), bitnami(postgres));
    await run(['pin', dir, '--mirror', ...endpoints]);
    expect(readFileSync(join(dir, 'apps', 'values.yaml'), 'utf8')).toBe(bitnami(postgres).replace('imageRegistry: docker.io', 'imageRegistry: mirror.example.com').replace('repository: bitnami/postgresql', 'repository: dockerhub/bitnami/postgresql'));

    writeFileSync(join(dir, 'apps', 'values.yaml'), bitnami(postgres + shell));
    const { stderr } = await run(['pin', dir, '--mirror', ...endpoints]);
    expect(readFileSync(join(dir, 'apps', 'values.yaml'), 'utf8')).toBe(bitnami(postgres + shell));
    expect(stderr).toContain('bitnami/postgresql:16.4.0@sha256:');
    expect(stderr).toContain('not moved: global.imageRegistry is shared with images the mirror cannot serve, so none of them is moved');
  });

  test('--dry-run prints a unified diff and writes nothing', async () => {
    const { stdout } = await run(['pin', dir, '--dry-run', ...endpoints]);
    expect(stdout).toContain('--- a/apps/deploy.yaml\n+++ b/apps/deploy.yaml\n');
    expect(stdout).toContain(`-          image: nginx:latest   # front door\n+          image: nginx:1.27.3@${d.nginx}   # front door\n`);
    expect(readFileSync(join(dir, 'apps', 'deploy.yaml'), 'utf8')).toBe(DEPLOY);
  });
});
