import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import { analysePull } from '../harness/analyse-pull.js';
import { pushImage } from '../harness/push.js';

const REPO = 'acme/gitops';
const deployment = (tag: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:${tag}\n`;
// The overlay is not in the PR: the app reads it from the tree because it includes the changed base.
const overlay = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\nimages:\n  - name: nginx\n    newTag: 1.27.3\n';

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'a PR that changes a kustomize base an untouched overlay rewrites', () => {
  let stack: AppStack;

  beforeAll(async () => {
    stack = await startAppStack((url) => ({ IMAGEPIN_ENDPOINTS: `docker.io=${url}/v2` }));
    await pushImage({ url: stack.registry.url }, 'library/nginx', ['latest', '1.27.3'], 'docker-list');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Opens PR `number` from the base tree (base deployment at 1.27.3) to the head tree (at latest) and waits for the analysis. */
  async function analyse(number: number, files: (tag: string) => Record<string, string>) {
    const { comment, run } = await analysePull(stack, REPO, number, files('1.27.3'), files('latest'));
    return { comment: comment ?? '', run };
  }

  test('the base floating tag the overlay pins is not a finding: the overlay tag is what runs, and the overlay is not in this PR', async () => {
    const files = (tag: string) => ({ 'apps/web/base/kustomization.yaml': 'resources: [deploy.yaml]\n', 'apps/web/base/deploy.yaml': deployment(tag), 'apps/web/overlays/prod/kustomization.yaml': overlay });
    const { comment, run } = await analyse(1, files);
    expect(comment).not.toContain('`nginx:latest` is a floating tag');
    expect(run.output.annotations.filter((a) => a.path === 'apps/web/base/deploy.yaml').map((a) => a.title)).toEqual([]);
  });

  test('an untouched overlay that sets the image with a patch file: the patch file is read too, and its tag is what runs', async () => {
    const patched = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\npatches:\n  - path: set-image.yaml\n';
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.3\n';
    const files = (tag: string) => ({ 'apps/web/base/kustomization.yaml': 'resources: [deploy.yaml]\n', 'apps/web/base/deploy.yaml': deployment(tag), 'apps/web/overlays/prod/kustomization.yaml': patched, 'apps/web/overlays/prod/set-image.yaml': patch });
    const { comment, run } = await analyse(2, files);
    expect(comment).not.toContain('not among the files read');
    expect(comment).not.toContain('`nginx:latest` is a floating tag');
    expect(run.output.annotations.map((a) => `${a.path} ${a.title}`).filter((t) => t.startsWith('apps/web/base/'))).toEqual([]);
  });

  test('a HelmRelease whose valuesFrom sets the tag from an env file of a configMapGenerator: the env file is read, its tag is what runs', async () => {
    const release = 'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: web\nspec:\n  valuesFrom:\n    - kind: ConfigMap\n      name: web-values\n    - kind: ConfigMap\n      name: web-versions\n      valuesKey: TAG\n      targetPath: image.tag\n';
    const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [helmrelease.yaml]\ngeneratorOptions:\n  disableNameSuffixHash: true\nconfigMapGenerator:\n  - name: web-values\n    files: [values.yaml=web-values.yaml]\n  - name: web-versions\n    envs: [versions.env]\n';
    const files = (tag: string) => ({ 'apps/web/helmrelease.yaml': release, 'apps/web/kustomization.yaml': kustomization, 'apps/web/web-values.yaml': `image:\n  repository: nginx\n  tag: ${tag}\n`, 'apps/web/versions.env': 'TAG=1.27.3\n' });
    const { comment } = await analyse(3, files);
    expect(comment).not.toContain('not a file imagepin read');
    expect(comment).not.toContain('`nginx:latest` is a floating tag');
  });
});
