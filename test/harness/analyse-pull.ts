import type { AppStack } from './app-stack.js';
import { deliver, pullRequestPayload } from './fake-github/webhooks.js';

/**
 * Opens PR `number` on `repo` (owner/name) from a commit of `baseFiles` (also the default branch)
 * to one of `headFiles`, delivers the signed `opened` webhook and waits for the analysis: the
 * sticky comment (undefined when none was written) and the check run of the head.
 */
export async function analysePull(stack: Pick<AppStack, 'github' | 'app'>, repo: string, number: number, baseFiles: Record<string, string>, headFiles: Record<string, string>) {
  const { github, app } = stack;
  const [owner, name] = repo.split('/') as [string, string];
  const base = github.state.commit(baseFiles);
  const head = github.state.commit(headFiles);
  github.state.setDefaultBranch(repo, base);
  github.state.openPull(repo, number, base, head);
  await deliver(app.webhookUrl, app.secret, 'pull_request', pullRequestPayload('opened', { owner, repo: name, number, headSha: head, baseSha: base }));
  await app.queue.onIdle();
  return { head, comment: github.state.comments.find((c) => c.issue === number)?.body, run: github.state.checkRuns.find((r) => r.head_sha === head)! };
}
