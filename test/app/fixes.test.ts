import { extractFile } from '../../src/extractors/index.js';
import { startApp, type RunningApp } from '../harness/app.js';
import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, installationPayload, pullRequestPayload, recheckCommentPayload } from '../harness/fake-github/webhooks.js';
import { copyImage, pushImage } from '../harness/push.js';
import { TestRegistry } from '../harness/registry.js';

const REPO = 'acme/gitops';
const values = (lines: string) => `# values for web\nreplicaCount: 2\n${lines}`;

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'fixes from the app: follow-up PRs and suggested changes', () => {
  let stack: AppStack;
  let github: FakeGitHub;
  let app: RunningApp;
  let nginx: string;
  let redis: string;
  let base: string;

  beforeAll(async () => {
    stack = await startAppStack();
    ({ github, app } = stack);
    nginx = await pushImage({ url: stack.registry.url }, 'library/nginx', ['1.27.3', 'latest'], 'docker-list');
    redis = await pushImage({ url: stack.registry.url }, 'library/redis', ['7.4.1', '7.4']);
    base = github.state.commit({ 'apps/web/values.yaml': values('image:\n  repository: nginx\n  tag: "1.27.3"\n  digest: ""\n') });
    github.state.setDefaultBranch(REPO, base);
  });
  afterAll(() => stack?.stop());

  const facts = (number: number, headSha: string, fork?: string) => ({ owner: 'acme', repo: 'gitops', number, headSha, baseSha: base, ...(fork && { fork }) });
  const followUps = (number: number) => [...github.state.created].filter(([, pr]) => pr.head === `imagepin/pin/${number}`);
  const sync = async (number: number, sha: string, fork?: string) => {
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('synchronize', facts(number, sha, fork)));
    await app.queue.onIdle();
  };

  test('a same-repository PR gets one follow-up PR into its branch; its tree re-scans clean and only image lines changed', async () => {
    const head = github.state.commit({ 'apps/web/values.yaml': values('image:\n  repository: nginx\n  tag: latest   # for now\n  digest: ""\nsidecar:\n  image: redis:7.4\n') });
    github.state.openPull(REPO, 1, base, head);
    await sync(1, head);
    expect(followUps(1)).toHaveLength(1);
    const [number, pr] = followUps(1)[0]!;
    expect(pr).toMatchObject({ base: 'feature-1', state: 'open' });
    expect(pr.body).toContain(`- \`apps/web/values.yaml:4\` \`docker.io/library/nginx:latest\` → \`docker.io/library/nginx:1.27.3\`  \n  digest \`${nginx}\`; moved to 1.27.3, the release the base branch had`);
    expect(pr.body).not.toContain('…');
    const tree = github.state.commits.get(github.state.refs.get(`${REPO}:imagepin/pin/1`)!)!;
    const fixed = tree['apps/web/values.yaml']!;
    expect(fixed).toBe(values(`image:\n  repository: nginx\n  tag: 1.27.3   # for now\n  digest: "${nginx}"\nsidecar:\n  image: redis:7.4.1@${redis}\n`));
    expect(extractFile('apps/web/values.yaml', fixed).occurrences.map((o) => o.reference?.digest)).toEqual([nginx, redis]);
    const comment = github.state.comments.find((c) => c.issue === 1)!;
    expect(comment.body).toContain(`[#${number}](https://github.com/acme/gitops/pull/${number}) pins these images into this branch`);

    // A new push: the same follow-up PR is updated in place.
    const next = github.state.push(REPO, 1, { 'apps/web/values.yaml': values('image:\n  repository: nginx\n  tag: latest\n  digest: ""\n') });
    await sync(1, next);
    expect(followUps(1).map(([n, p]) => [n, p.state])).toEqual([[number, 'open']]);
    expect(github.state.commits.get(github.state.refs.get(`${REPO}:imagepin/pin/1`)!)!['apps/web/values.yaml']).toContain(`digest: "${nginx}"`);

    // The PR fixes itself: the follow-up is closed, with a comment saying why.
    const fixedHead = github.state.push(REPO, 1, { 'apps/web/values.yaml': values(`image:\n  repository: nginx\n  tag: "1.27.3"\n  digest: "${nginx}"\n`) });
    await sync(1, fixedHead);
    expect(followUps(1).map(([, p]) => p.state)).toEqual(['closed']);
    expect(github.state.comments.find((c) => c.issue === number)?.body).toBe('Closed by imagepin: the pull request no longer has references to pin.');
  });

  test('a fork PR gets a review with suggested changes on the exact lines, and nothing is pushed', async () => {
    const head = github.state.commit({ 'apps/web/values.yaml': values('image:\n  repository: nginx\n  tag: latest\n  digest: ""\n') });
    github.state.openPull(REPO, 2, base, head, { fork: 'mallory/gitops' });
    await sync(2, head, 'mallory/gitops');
    expect(followUps(2)).toEqual([]);
    expect(github.state.reviews.filter((r) => r.number === 2)).toEqual([expect.objectContaining({
      commit_id: head,
      body: 'imagepin suggests pinning 1 image reference to version@digest.\n\n<!-- imagepin:suggestions -->',
      comments: [{ path: 'apps/web/values.yaml', line: 6, start_line: 5, start_side: 'RIGHT', side: 'RIGHT', body: `\`\`\`suggestion\n  tag: 1.27.3\n  digest: "${nginx}"\n\`\`\`\nmoved to 1.27.3, the release the base branch had: \`docker.io/library/nginx:1.27.3@${nginx}\`` }],
    })]);
  });
});

describeWithBinary('docker-registry', 'apt-get install docker-registry', '/imagepin pin-all and mirror-all on the default branch', () => {
  let stack: AppStack;
  let github: FakeGitHub;
  let app: RunningApp;
  let nginx: string;

  beforeAll(async () => {
    stack = await startAppStack((url) => ({ IMAGEPIN_ENDPOINTS: `docker.io=${url}/v2,harbor.example.com=${url}/v2` }));
    ({ github, app } = stack);
    nginx = await pushImage({ url: stack.registry.url }, 'library/nginx', ['1.27.3', 'latest']);
    await copyImage({ url: stack.registry.url }, 'library/nginx', '1.27.3', 'dockerhub/library/nginx');
    github.state.setDefaultBranch(REPO, github.state.commit({
      '.github/imagepin.yml': 'mirrors:\n  docker.io: harbor.example.com/dockerhub\n',
      'apps/a/deploy.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: a\n      image: nginx:latest  # keep me\n',
      'apps/b/values.yaml': 'image:\n  repository: nginx\n  tag: "1.27.3"\n',
    }));
    github.state.permissions.set(`${REPO}:maintainer`, 'write');
  });
  afterAll(() => stack?.stop());

  const ask = async (command: string, user = 'maintainer') => {
    await deliver(app.webhookUrl, app.secret, 'issue_comment', recheckCommentPayload({ owner: 'acme', repo: 'gitops', number: 7, headSha: '', baseSha: '' }, user, command));
    await app.queue.onIdle();
  };
  const branchFile = (branch: string, path: string) => github.state.commits.get(github.state.refs.get(`${REPO}:${branch}`)!)![path];

  test('pin-all opens one PR for everything on the default branch; asking again updates it; mirror-all is a separate PR', async () => {
    await ask('/imagepin pin-all', 'visitor');
    expect([...github.state.created.values()]).toEqual([]);
    await ask('/imagepin pin-all');
    await ask('/imagepin pin-all');
    const pins = [...github.state.created.values()].filter((p) => p.head === 'imagepin/pin-all');
    expect(pins).toEqual([expect.objectContaining({ base: 'main', state: 'open', title: 'Pin every container image to version@digest' })]);
    expect(branchFile('imagepin/pin-all', 'apps/a/deploy.yaml')).toContain(`image: nginx:1.27.3@${nginx}  # keep me`);
    expect(branchFile('imagepin/pin-all', 'apps/b/values.yaml')).toBe(`image:\n  repository: nginx\n  tag: "1.27.3@${nginx}"\n`);
    const replies = github.state.comments.filter((c) => c.issue === 7).map((c) => c.body.replace(/#\d+/, '#N'));
    expect(replies).toEqual(['imagepin opened #N: pin every container image to version@digest (2 references in 2 files).', 'imagepin updated #N: pin every container image to version@digest (2 references in 2 files).']);

    await ask('/imagepin mirror-all');
    expect([...github.state.created.values()].filter((p) => p.head === 'imagepin/mirror-all')).toHaveLength(1);
    expect(branchFile('imagepin/mirror-all', 'apps/b/values.yaml')).toBe('image:\n  repository: harbor.example.com/dockerhub/library/nginx\n  tag: "1.27.3"\n');
    // nginx:latest is not on the mirror as `latest`, so it is not moved.
    expect(branchFile('imagepin/mirror-all', 'apps/a/deploy.yaml')).toContain('image: nginx:latest  # keep me');
  });
});

describeWithBinary('docker-registry', 'apt-get install docker-registry', 'the onboarding PR on installation', () => {
  test('with IMAGEPIN_ONBOARDING=true, installing the app opens a pin-all PR in each repository', async () => {
    const registry = await TestRegistry.start();
    const digest = await pushImage({ url: registry.url }, 'library/nginx', ['1.27.3']);
    const github = await new FakeGitHub().start();
    const app = await startApp(github.url, { IMAGEPIN_ENDPOINTS: `docker.io=${registry.url}/v2`, IMAGEPIN_ONBOARDING: 'true' });
    github.state.setDefaultBranch(REPO, github.state.commit({ 'apps/a/values.yaml': 'image: nginx:1.27.3\n' }));
    await deliver(app.webhookUrl, app.secret, 'installation', installationPayload([REPO]));
    await app.queue.onIdle();
    const opened = [...github.state.created.values()];
    const tree = github.state.commits.get(github.state.refs.get(`${REPO}:imagepin/pin-all`) ?? '');
    await app.stop();
    await github.stop();
    await registry.stop();
    expect(opened).toEqual([expect.objectContaining({ head: 'imagepin/pin-all', base: 'main', state: 'open' })]);
    expect(tree?.['apps/a/values.yaml']).toBe(`image: nginx:1.27.3@${digest}\n`);
  });
});
