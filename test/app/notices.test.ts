import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { RunningApp } from '../harness/app.js';
import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import type { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pullRequestPayload } from '../harness/fake-github/webhooks.js';
import { pushImage } from '../harness/push.js';

const REPO = 'acme/gitops';
/** A HelmRelease whose chart repository does not answer (a port nothing listens on), an invalid YAML file and a plain image. */
const FILES: Record<string, string> = {
  'apps/harbor.yaml': 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata: {name: goharbor, namespace: flux-system}\nspec:\n  url: http://127.0.0.1:9/charts\n---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata: {name: harbor, namespace: registry}\nspec:\n  chart:\n    spec:\n      chart: registry\n      version: 1.15.1\n      sourceRef: {kind: HelmRepository, name: goharbor, namespace: flux-system}\n',
  'apps/broken.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template: [unclosed\n',
  'apps/web.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: nginx:latest\n',
};

/**
 * What the CLI says it could not check (a chart it could not read, a file it could not parse)
 * must reach the PR too: the same diagnostics, in the comment and as check run annotations.
 */
describeWithBinary('docker-registry', 'apt-get install docker-registry', 'every notice the CLI shows reaches the comment and the check run', () => {
  let stack: AppStack;
  let github: FakeGitHub;
  let app: RunningApp;
  let dir: string;

  beforeAll(async () => {
    stack = await startAppStack();
    ({ github, app } = stack);
    await pushImage({ url: stack.registry.url }, 'library/nginx', ['1.27.3', 'latest']);
    dir = mkdtempSync(join(tmpdir(), 'imagepin-notices-'));
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(join(dir, dirname(path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  });
  afterAll(async () => {
    await stack?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the CLI\'s diagnostics, word for word, in the comment\'s "Not checked" list and as warning annotations', async () => {
    let stdout = '';
    await main(['scan', dir, '--format', 'json', '--endpoint', `docker.io=${stack.registry.url}/v2`], { stdout: (t) => (stdout += t), stderr: () => undefined, isTTY: false }, { DOCKER_CONFIG: '/nonexistent' });
    const cli = (JSON.parse(stdout) as { diagnostics: { file: string; code: string; message: string }[] }).diagnostics;
    expect(cli.map((d) => `${d.file} ${d.code}`).sort()).toEqual(['apps/broken.yaml invalid-yaml', 'apps/harbor.yaml chart-unavailable']);
    expect(cli.find((d) => d.code === 'chart-unavailable')?.message).toContain('chart registry 1.15.1 from http://127.0.0.1:9/charts could not be read, so its default images are not checked');

    const base = github.state.commit({ 'README.md': '# gitops\n' });
    github.state.setDefaultBranch(REPO, base);
    const head = github.state.commit({ 'README.md': '# gitops\n', ...FILES });
    github.state.openPull(REPO, 1, base, head);
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', { owner: 'acme', repo: 'gitops', number: 1, headSha: head, baseSha: base }));
    await app.queue.onIdle();

    const comment = github.state.comments.find((c) => c.issue === 1)!.body;
    const check = github.state.checkRuns.find((r) => r.head_sha === head)!;
    expect(comment).toContain('#### ⚠️ Not checked (2)');
    expect(check.output.title).toMatch(/, 2 not checked: blocks the merge$/);
    for (const d of cli) {
      expect(comment).toContain(`${d.message} (${d.code})`);
      expect(check.output.annotations).toContainEqual(expect.objectContaining({ path: d.file, annotation_level: 'warning', title: `Not checked (${d.code})`, message: expect.stringContaining(d.message) }));
    }
  });
});
