import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import { analysePull } from '../harness/analyse-pull.js';
import { pushImage } from '../harness/push.js';

const REPO = 'acme/gitops';
const REMOTE = 'github.com/acme/shared/redis?ref=v2.0.1';
const deployment = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${image}\n`;

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'a PR whose kustomization includes a remote base (decision 43)', () => {
  let stack: AppStack;
  let pinned: string;

  beforeAll(async () => {
    stack = await startAppStack((url) => ({ IMAGEPIN_ENDPOINTS: `docker.io=${url}/v2` }));
    pinned = `nginx:1.27.3@${await pushImage({ url: stack.registry.url }, 'library/nginx', ['1.27.3'], 'docker-list')}`;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Opens PR `number` that adds `files` to an empty default branch and waits for the analysis. */
  async function analyse(number: number, files: Record<string, string>) {
    return analysePull(stack, REPO, number, { 'README.md': 'gitops\n' }, { 'README.md': 'gitops\n', ...files });
  }

  test('the comment notes the remote base it did not read, as a neutral note; the check concludes as it would without the include', async () => {
    const kustomization = `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deploy.yaml\n  - ${REMOTE}\n`;
    const withRemote = await analyse(1, { 'apps/web/kustomization.yaml': kustomization, 'apps/web/deploy.yaml': deployment(pinned) });
    const without = await analyse(2, { 'apps/web/kustomization.yaml': 'resources:\n  - deploy.yaml\n', 'apps/web/deploy.yaml': deployment(pinned) });

    // Same verdict: the note is not a finding and not a file problem.
    expect(withRemote.run.conclusion).toBe('success');
    expect(without.run.conclusion).toBe('success');
    expect(withRemote.run.output.title).toBe(without.run.output.title);
    expect(withRemote.run.output.title).toBe('No new risks in 1 image reference');

    const comment = withRemote.comment ?? '';
    expect(comment.split('\n')[1]).toBe('### ✅ imagepin: no risks found in 1 image reference');
    expect(comment).not.toContain('Not checked');
    expect(comment).toContain(`#### ℹ️ Not read by imagepin (1)\n\n- imagepin did not read the remote resource \`${REMOTE}\`, included by [apps/web/kustomization.yaml:5](https://github.com/acme/gitops/blob/${withRemote.head}/apps/web/kustomization.yaml#L5); the images it deploys are not checked.\n`);
    // Without the include there is nothing to say, so no comment is started.
    expect(without.comment).toBeUndefined();

    expect(withRemote.run.output.annotations).toEqual([{
      path: 'apps/web/kustomization.yaml', start_line: 5, end_line: 5, start_column: 5, end_column: 5 + REMOTE.length, annotation_level: 'notice', title: 'Not read (remote-not-followed)',
      message: `imagepin did not read the remote resource ${REMOTE}, included by apps/web/kustomization.yaml:5; the images it deploys are not checked.`,
    }]);
    expect(withRemote.run.output.summary).toContain('imagepin did not read 1 remote source (a remote kustomize include, or an Argo CD source in another repository; annotated as notices); the images it deploys are not checked.');
    expect(without.run.output.summary).not.toContain('did not read');
  });

  test('an Argo CD source in another repository is noted where the App knows this one; a source in this repository is not', async () => {
    const app = (name: string, url: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\nspec:\n  source:\n    repoURL: ${url}\n    targetRevision: v1.4.0\n    path: deploy\n`;
    const { head, comment, run } = await analyse(3, {
      'argocd/ingress.yaml': app('ingress', 'git@github.com:acme/platform.git'),
      'argocd/web.yaml': app('web', 'https://github.com/acme/gitops.git'),
      'deploy/deploy.yaml': deployment(pinned),
    });
    expect(run.conclusion).toBe('success');
    expect(run.output.title).toBe('No new risks in 1 image reference');
    expect(comment?.split('\n')[1]).toBe('### ✅ imagepin: no risks found in 1 image reference');
    expect(comment).toContain(`#### ℹ️ Not read by imagepin (1)\n\n- imagepin did not read path deploy of \`git@github.com:acme/platform.git\`, the Argo CD source at [argocd/ingress.yaml:7](https://github.com/acme/gitops/blob/${head}/argocd/ingress.yaml#L7), which is not this repository (acme/gitops); the images it deploys are not checked.\n`);
    expect(run.output.annotations.map((a) => `${a.path}:${a.start_line}:${a.start_column} ${a.annotation_level} ${a.title}`)).toEqual(['argocd/ingress.yaml:7:14 notice Not read (other-repository)']);
  });
});
