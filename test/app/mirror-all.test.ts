import type { RunningApp } from '../harness/app.js';
import { startAppStack, type AppStack } from '../harness/app-stack.js';
import { describeWithBinary } from '../harness/binaries.js';
import type { FakeGitHub } from '../harness/fake-github/server.js';
import { deliver, pullRequestPayload, recheckCommentPayload } from '../harness/fake-github/webhooks.js';
import { copyImage, pushImage } from '../harness/push.js';
import { expectGolden } from '../helpers/golden.js';

const REPO = 'acme/gitops';
const pod = (name: string, image: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers:\n    - name: ${name}\n      image: ${image}\n`;

/**
 * `/imagepin mirror-all` over four mirror states: the mirror serves the same digest (moved),
 * another digest, nothing, or does not answer (each left alone, named, with the state).
 */
describeWithBinary('docker-registry', 'apt-get install docker-registry', 'the mirror-all PR body names the mirror state of every reference', () => {
  let stack: AppStack;
  let github: FakeGitHub;
  let app: RunningApp;
  const d: Record<string, string> = {};

  beforeAll(async () => {
    // docker.io and its mirror are one test registry; quay.io's mirror is a port nothing listens on.
    stack = await startAppStack((url) => ({ IMAGEPIN_ENDPOINTS: `docker.io=${url}/v2,quay.io=${url}/v2,harbor.example.com=${url}/v2,quay-mirror.example.com=http://127.0.0.1:9/v2`, IMAGEPIN_REGISTRY_TIMEOUT: '2s' }));
    ({ github, app } = stack);
    const target = { url: stack.registry.url };
    d.nginx = await pushImage(target, 'library/nginx', ['1.27.3']);
    await copyImage(target, 'library/nginx', '1.27.3', 'dockerhub/library/nginx');
    d.redis = await pushImage(target, 'library/redis', ['7.4.1']);
    d.redisMirror = await pushImage(target, 'dockerhub/library/redis', ['7.4.1']);
    d.grafana = await pushImage(target, 'grafana/grafana', ['11.2.2']);
    d.prometheus = await pushImage(target, 'prometheus/prometheus', ['v2.54.1']);
    github.state.setDefaultBranch(REPO, github.state.commit({
      '.github/imagepin.yml': 'mirrors:\n  docker.io: harbor.example.com/dockerhub\n  quay.io: quay-mirror.example.com/quay\n',
      'apps/web.yaml': pod('web', `nginx:1.27.3@${d.nginx}`),
      'apps/cache.yaml': pod('cache', `redis:7.4.1@${d.redis}`),
      'apps/grafana.yaml': pod('grafana', 'grafana/grafana:11.2.2'),
      'apps/prometheus.yaml': pod('prometheus', 'quay.io/prometheus/prometheus:v2.54.1'),
    }));
    github.state.permissions.set(`${REPO}:maintainer`, 'write');
  });
  afterAll(() => stack?.stop());

  test('moved with the digest checked; each reference left alone named with its mirror state and full digests', async () => {
    await deliver(app.webhookUrl, app.secret, 'issue_comment', recheckCommentPayload({ owner: 'acme', repo: 'gitops', number: 3, headSha: '', baseSha: '' }, 'maintainer', '/imagepin mirror-all'));
    await app.queue.onIdle();
    const [pr] = [...github.state.created.values()].filter((p) => p.head === 'imagepin/mirror-all');
    expect(pr).toBeDefined();
    const body = pr!.body;
    expect(body).not.toContain('…');
    expect(body).toContain(`- \`apps/web.yaml:7\` \`docker.io/library/nginx:1.27.3@${d.nginx}\` → \`harbor.example.com/dockerhub/library/nginx:1.27.3\`  \n  digest \`${d.nginx}\`; moved to the mirror harbor.example.com/dockerhub, which serves the same digest`);
    expect(body).toContain('Left as they are (3):');
    expect(body).toContain(`- \`apps/cache.yaml:7\` \`docker.io/library/redis:7.4.1@${d.redis}\`: not moved: the mirror serves another digest for harbor.example.com/dockerhub/library/redis:7.4.1: ${d.redisMirror}, upstream ${d.redis} (sync the mirror first)`);
    expect(body).toContain('- `apps/grafana.yaml:7` `docker.io/grafana/grafana:11.2.2`: not moved: the mirror does not have harbor.example.com/dockerhub/grafana/grafana:11.2.2 (replicate it first)');
    expect(body).toMatch(/- `apps\/prometheus\.yaml:7` `quay\.io\/prometheus\/prometheus:v2\.54\.1`: not moved: the mirror could not be checked for quay-mirror\.example\.com\/quay\/prometheus\/prometheus:v2\.54\.1 \(.+\)/);
    // Only the reference whose mirror serves the same digest moved.
    const tree = github.state.commits.get(github.state.refs.get(`${REPO}:imagepin/mirror-all`)!)!;
    expect(tree['apps/web.yaml']).toContain(`image: harbor.example.com/dockerhub/library/nginx:1.27.3@${d.nginx}`);
    expect([tree['apps/cache.yaml'], tree['apps/grafana.yaml']]).toEqual([pod('cache', `redis:7.4.1@${d.redis}`), pod('grafana', 'grafana/grafana:11.2.2')]);
    // The unreachable mirror's error text depends on the socket; the golden keeps the rest exact.
    const labelled = Object.entries(d).reduce((text, [name, digest]) => text.replaceAll(digest, `sha256:<${name}>`), body).replace(/(could not be checked for \S+ )\(.+\)/, '$1(<connection error>)');
    expectGolden(new URL('golden/mirror-all.md', import.meta.url), `${labelled}\n`);
  });

  test('a PR\'s follow-up pins and moves what the mirror serves, and names the mirror state of what it leaves', async () => {
    const base = github.state.defaultHead.get(REPO)!;
    const files = { ...github.state.commits.get(base)!, 'apps/new.yaml': pod('new', 'nginx:1.27.3'), 'apps/dash.yaml': pod('dash', 'grafana/grafana:11.2.2') };
    const head = github.state.commit(files);
    github.state.openPull(REPO, 4, base, head);
    await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', { owner: 'acme', repo: 'gitops', number: 4, headSha: head, baseSha: base }));
    await app.queue.onIdle();
    const [pr] = [...github.state.created.values()].filter((p) => p.head === 'imagepin/pin/4');
    expect(pr?.body).toContain(`- \`apps/new.yaml:7\` \`docker.io/library/nginx:1.27.3\` → \`harbor.example.com/dockerhub/library/nginx:1.27.3\`  \n  digest \`${d.nginx}\`; moved to the mirror harbor.example.com/dockerhub, which serves the same digest; pin 1.27.3 to its digest`);
    expect(pr?.body).toContain('- `apps/dash.yaml:7` `docker.io/grafana/grafana:11.2.2`: not moved: the mirror does not have harbor.example.com/dockerhub/grafana/grafana:11.2.2 (replicate it first)');
    expect(pr?.body).not.toContain('…');
    const comment = github.state.comments.find((c) => c.issue === 4)!.body;
    expect(comment).toContain('the mirror does not have `harbor.example.com/dockerhub/grafana/grafana:11.2.2`');
    expect(comment).toContain('the mirror serves the same digest');
  });
});
