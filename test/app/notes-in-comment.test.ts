import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import { analysePull } from '../harness/analyse-pull.js';
import { pushImage } from '../harness/push.js';

const REPO = 'acme/gitops';
const task = (tag: string) => `apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: sync\nspec:\n  params:\n    - name: git-image\n      default: alpine/git:${tag}\n  steps:\n    - name: clone\n      image: $(params.git-image)\n`;
const template = (tag: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: "{{ .Values.image.repository }}:{{ .Values.${tag} }}"\n`;
const NOTE = 'Note: the default of Tekton param git-image, which the image at line 11 ($(params.git-image)) runs; a TaskRun or PipelineRun that passes git-image runs another image.';

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'a PR\'s comment and annotations say what the occurrences\' notes say (issue 16)', () => {
  let stack: AppStack;

  beforeAll(async () => {
    stack = await startAppStack((url) => ({ IMAGEPIN_ENDPOINTS: `docker.io=${url}/v2` }));
    await pushImage({ url: stack.registry.url }, 'alpine/git', ['v2.47.1', 'latest'], 'docker-list');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  test('a Tekton param default moved to latest: the block and its annotation say a run that passes the param runs another image; a chart template line names its values keys', async () => {
    const files = (tag: string, key: string) => ({
      'ci/tasks/sync.yaml': task(tag),
      'charts/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 0.3.0\n',
      'charts/api/values.yaml': 'image:\n  repository: ghcr.io/acme/api\n  tag: 1.8.0\n  version: 1.8.0\n',
      'charts/api/templates/deployment.yaml': template(key),
    });
    const { comment, run } = await analysePull(stack, REPO, 1, files('v2.47.1', 'image.version'), files('latest', 'image.tag'));
    expect(comment).toContain(`\n${NOTE}\n`);
    const annotations = run.output.annotations;
    const tekton = annotations.filter((a) => a.path === 'ci/tasks/sync.yaml');
    expect(tekton.map((a) => a.title)).toContain('Floating tag (floating-tag)');
    for (const a of tekton) expect(a.message).toContain(`\n${NOTE}\nFix: `);
    const chart = annotations.find((a) => a.path === 'charts/api/templates/deployment.yaml');
    expect(chart?.message).toContain('is in a template of Helm chart `charts/api`: Helm fills it in when it renders the chart; the line reads the values `image.repository` and `image.tag`.');
    expect(chart?.message).not.toContain('Write the image literally');
  });
});
