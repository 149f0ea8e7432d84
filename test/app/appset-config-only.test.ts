import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import { analysePull } from '../harness/analyse-pull.js';
import { pushImage } from '../harness/push.js';

const REPO = 'acme/gitops';
// One Application per config file; the ApplicationSet is far from the config files, and no PR below touches it.
const appset = (glob: string) => `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: shops
spec:
  goTemplate: true
  generators:
    - git:
        repoURL: https://github.com/acme/gitops.git
        revision: HEAD
        files:
          - path: '${glob}'
  template:
    metadata:
      name: '{{ .path.basename }}'
    spec:
      project: default
      source:
        repoURL: https://charts.acme.example
        chart: shop
        targetRevision: 2.0.0
        helm:
          valuesObject:
            image:
              repository: docker.io/library/nginx
              tag: '{{ .release.tag }}'
      destination:
        server: https://kubernetes.default.svc
        namespace: '{{ .path.basename }}'
`;
// A manifest that is not an ApplicationSet, searched too and left out of the analysis.
const other = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: unrelated\ndata:\n  note: "nothing to see"\n';

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'a PR that changes only a config file an untouched ApplicationSet reads', () => {
  let stack: AppStack;

  beforeAll(async () => {
    stack = await startAppStack((url) => ({ IMAGEPIN_ENDPOINTS: `docker.io=${url}/v2` }));
    await pushImage({ url: stack.registry.url }, 'library/nginx', ['latest', '1.27.3'], 'docker-list');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  /** Opens PR `number` from the tree with every tag at 1.27.3 to the one where `files(tag)` has `latest`, and waits for the analysis. */
  async function analyse(number: number, files: (tag: string) => Record<string, string>) {
    const { comment = '', run } = await analysePull(stack, REPO, number, files('1.27.3'), files('latest'));
    // What the PR introduced comes before the pre-existing part, which is folded.
    return { comment, introduced: comment.split('<details><summary>Already there before this PR')[0]!, run };
  }

  test('a changed JSON config file: the ApplicationSet is found and read, and the element it now runs as :latest is the PR\'s finding', async () => {
    const files = (tag: string) => ({
      'platform/argocd/shops.yaml': appset('shops/*/release.json'),
      'platform/misc/other.yaml': other,
      'shops/north/release.json': `{\n  "release": {"tag": "${tag}"}\n}\n`,
      'shops/south/release.json': '{\n  "release": {"tag": "1.27.3"}\n}\n',
    });
    const { introduced, run } = await analyse(1, files);
    expect(introduced).toContain('Runs as `docker.io/library/nginx:latest` in ApplicationSet `shops` element 0 (set by');
    expect(introduced).toContain('shops/north/release.json:2');
    expect(introduced).toContain('`nginx:latest` is a floating tag');
    // The other element's config file was read too (its element is known), and the unrelated manifest is not reported.
    expect(introduced).not.toMatch(/which imagepin did not read|not among the files read|unrelated/);
    expect(run.output.title).not.toBe('No image files changed');
  });

  test('a changed YAML config file (no kind): the same, over the YAML the generator reads', async () => {
    const files = (tag: string) => ({
      'platform/argocd/shops.yaml': appset('clusters/*/shop.yaml'),
      'clusters/east/shop.yaml': `release:\n  tag: "${tag}"\n`,
    });
    const { introduced } = await analyse(2, files);
    expect(introduced).toContain('Runs as `docker.io/library/nginx:latest` in ApplicationSet `shops` element 0 (set by');
    expect(introduced).toContain('clusters/east/shop.yaml:2');
  });

  test('a changed JSON file no ApplicationSet reads changes no image file', async () => {
    const files = (tag: string) => ({ 'platform/argocd/shops.yaml': appset('shops/*/release.json'), 'web/package.json': `{"version": "${tag}"}\n` });
    const { run } = await analyse(3, files);
    expect(run.output.title).toBe('No image files changed');
  });
});
