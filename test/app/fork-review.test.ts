import type { RunningApp } from '../harness/app.js';
import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import type { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pullRequestPayload } from '../harness/fake-github/webhooks.js';
import { pushImage } from '../harness/push.js';

const REPO = 'acme/gitops';
/** A values file whose image map has its tag ten lines below its repository: a change of the repository leaves the tag outside the diff. */
const values = (repository: string) => `# values for web
image:
  repository: ${repository}
  pullPolicy: Always
  pullSecrets: []
  debug: false
  resources: {}
  securityContext: {}
  podLabels: {}
  extraEnv: []
  tag: latest
`;
const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deploy.yaml]\nimages:\n  - name: redis\n    newTag: "7.4"\n';

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'fork PRs: suggested changes only where GitHub takes them', () => {
  let stack: AppStack;
  let github: FakeGitHub;
  let app: RunningApp;
  let nginx: string;
  let redis: string;
  let base: string;
  let tools: string;

  beforeAll(async () => {
    stack = await startAppStack();
    ({ github, app } = stack);
    nginx = await pushImage({ url: stack.registry.url }, 'library/nginx', ['1.27.3', 'latest'], 'docker-list');
    redis = await pushImage({ url: stack.registry.url }, 'library/redis', ['7.4.1', '7.4']);
    // A development build: no release tag in the registry to move it to.
    tools = await pushImage({ url: stack.registry.url }, 'acme/tools', ['main']);
    base = github.state.commit({ 'apps/web/values.yaml': values('bitnami/nginx') });
    github.state.setDefaultBranch(REPO, base);
  });
  afterAll(() => stack?.stop());

  test('the fake GitHub refuses a review comment on a line outside the diff, or past the end of a file, as GitHub does', async () => {
    const head = github.state.commit({ 'apps/web/values.yaml': values('nginx') });
    github.state.openPull(REPO, 20, base, head, { fork: 'mallory/gitops' });
    const review = (comments: unknown[]) => fetch(`${github.url}/repos/acme/gitops/pulls/20/reviews`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ commit_id: head, event: 'COMMENT', body: 'x', comments }) });
    const refused = await review([{ path: 'apps/web/values.yaml', line: 11, side: 'RIGHT', body: 'x' }]);
    expect([refused.status, ((await refused.json()) as { message: string }).message]).toEqual([422, expect.stringContaining('line must be part of the diff')]);
    expect((await review([{ path: 'apps/web/values.yaml', line: 12, side: 'RIGHT', body: 'x' }])).status).toBe(422);
    expect((await review([{ path: 'apps/web/values.yaml', line: 6, start_line: 2, side: 'RIGHT', start_side: 'RIGHT', body: 'x' }])).status).toBe(201);
    expect(github.state.reviews.filter((r) => r.number === 20)).toHaveLength(1);
  });

  test('a fix on a diff line is a suggested change; one outside the diff is written into the review text with the same lines; a reference left alone is named with its reason; the comment says which is which', async () => {
    const head = github.state.commit({ 'apps/tools/job.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: tools}\nspec:\n  template:\n    spec:\n      containers:\n        - name: tools\n          image: acme/tools:main\n', 'apps/web/values.yaml': values('nginx'), 'apps/web/kustomization.yaml': KUSTOMIZATION, 'apps/web/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: redis\n          image: redis\n' });
    github.state.openPull(REPO, 21, base, head, { fork: 'mallory/gitops' });
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', { owner: 'acme', repo: 'gitops', number: 21, headSha: head, baseSha: base, fork: 'mallory/gitops' }));
    await app.queue.onIdle();

    const reviews = github.state.reviews.filter((r) => r.number === 21);
    expect(reviews).toHaveLength(1);
    // The kustomize digest goes on a new line after newTag, the file's last line: the suggestion replaces that line (6), never a line 7 of a 6-line file.
    expect(reviews[0]!.comments).toEqual([{ path: 'apps/web/kustomization.yaml', line: 6, side: 'RIGHT', body: `\`\`\`suggestion\n    newTag: "7.4.1"\n    digest: ${redis}\n\`\`\`\n7.4 is release 7.4.1: \`docker.io/library/redis:7.4.1@${redis}\`` }]);
    // The repository line changed, so the finding on the tag line is the PR's own; its fix is on line 11, outside the diff's hunk (lines 1-6).
    expect(reviews[0]!.body).toContain(`1 of them is on lines outside this PR's diff, where GitHub takes no suggested change: change it by hand.\n\n- \`apps/web/values.yaml:11\` (outside this PR's diff): latest is release 1.27.3: \`docker.io/library/nginx:1.27.3@${nginx}\`. Replace the line with:\n\n  \`\`\`yaml\n    tag: 1.27.3@${nginx}\n  \`\`\``);
    expect(reviews[0]!.body).toMatch(/^imagepin suggests pinning 2 image references to version@digest\./);
    // The development build gets no suggestion (pinning it would only freeze it) and is named with the reason, as a follow-up PR's body names it.
    expect(reviews[0]!.comments.map((c) => c.path)).not.toContain('apps/tools/job.yaml');
    // So is deploy.yaml's redis line, which the kustomization's newTag overrides.
    expect(reviews[0]!.body).toContain(['\n\nLeft as they are (2):\n',
      '- `apps/tools/job.yaml:9` `docker.io/acme/tools:main`: main is a development build and imagepin found no release to move it to; pinning it by digest would only freeze it',
      '- `apps/web/deploy.yaml:9` `docker.io/library/redis`: every kustomization that builds this file sets the image\'s tag or digest (apps/web/kustomization.yaml line 5), so this line\'s tag does not run; the images entry there is what to pin\n'].join('\n'));
    const comment = github.state.comments.find((c) => c.issue === 21)!.body;
    expect(comment).toContain('imagepin suggested 1 pin in a review: apply it with one click; 1 more is on lines outside this PR\'s diff');
    expect(comment).toContain('to change by hand. 2 references are left as they are: the review names each with the reason.');
    expect(comment).toContain(tools);
    const check = github.state.checkRuns.find((r) => r.head_sha === head)!;
    expect(check.output.annotations.map((a) => `${String(a.path)}:${String(a.start_line)} ${String(a.title)}`)).toEqual(expect.arrayContaining(['apps/web/values.yaml:11 Floating tag (floating-tag)']));
  });
});
