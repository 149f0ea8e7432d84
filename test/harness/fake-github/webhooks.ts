import { createHmac, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

interface Example {
  name: string;
  examples: Record<string, unknown>[];
}

const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Example[];

/** A copy of a real payload from @octokit/webhooks-examples, so shapes are GitHub's. */
function example(event: string, action: string | undefined): Record<string, any> {
  const found = examples.find((e) => e.name === event)?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no ${event}${action ? `.${action}` : ''} example`);
  return structuredClone(found) as Record<string, any>;
}

export interface PrFacts {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  draft?: boolean;
  fork?: string;
  installation?: number;
}

function withRepo(payload: Record<string, any>, facts: PrFacts): Record<string, any> {
  payload.repository.name = facts.repo;
  payload.repository.full_name = `${facts.owner}/${facts.repo}`;
  payload.repository.owner.login = facts.owner;
  payload.repository.html_url = `https://github.com/${facts.owner}/${facts.repo}`;
  payload.installation = { id: facts.installation ?? 1, node_id: 'x' };
  return payload;
}

export function pullRequestPayload(action: 'opened' | 'synchronize' | 'reopened' | 'ready_for_review', facts: PrFacts): Record<string, any> {
  const payload = withRepo(example('pull_request', action), facts);
  payload.number = facts.number;
  const pr = payload.pull_request;
  pr.number = facts.number;
  pr.draft = facts.draft ?? false;
  pr.head.sha = facts.headSha;
  pr.base.sha = facts.baseSha;
  pr.head.repo = { ...(pr.head.repo ?? payload.repository), full_name: facts.fork ?? `${facts.owner}/${facts.repo}`, fork: facts.fork !== undefined };
  return payload;
}

export function recheckCommentPayload(facts: PrFacts, user: string, body = '/imagepin recheck'): Record<string, any> {
  const payload = withRepo(example('issue_comment', 'created'), facts);
  payload.issue.number = facts.number;
  payload.issue.pull_request = { url: `https://api.github.com/repos/${facts.owner}/${facts.repo}/pulls/${facts.number}` };
  payload.comment.body = body;
  payload.comment.user = { ...payload.comment.user, login: user, type: 'User' };
  payload.sender = { ...payload.sender, login: user, type: 'User' };
  return payload;
}

export function checkRunRerequestedPayload(facts: PrFacts): Record<string, any> {
  const payload = withRepo(example('check_run', 'rerequested'), facts);
  payload.check_run.name = 'imagepin';
  payload.check_run.head_sha = facts.headSha;
  payload.check_run.pull_requests = [{ number: facts.number, id: 1, url: '', head: { sha: facts.headSha, ref: 'x', repo: { id: 1, url: '', name: facts.repo } }, base: { sha: facts.baseSha, ref: 'main', repo: { id: 1, url: '', name: facts.repo } } }];
  return payload;
}

/** One signed delivery over HTTP, as GitHub sends it; returns the status and how long the answer took. */
export async function deliver(url: string, secret: string, event: string, payload: unknown, id: string = randomUUID()): Promise<{ status: number; ms: number }> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': id, 'x-hub-signature-256': signature } });
  await response.text();
  return { status: response.status, ms: performance.now() - started };
}

/** The app installed on some repositories. */
export function installationPayload(repositories: string[], installation = 1): Record<string, any> {
  const payload = example('installation', 'created');
  payload.installation.id = installation;
  payload.repositories = repositories.map((full_name, i) => ({ id: i + 1, node_id: 'x', name: full_name.split('/')[1], full_name, private: false }));
  return payload;
}

type RepoFacts = Pick<PrFacts, 'owner' | 'repo' | 'installation'>;

/** A push of `after` to the default branch `main`. */
export function pushPayload(facts: RepoFacts, before: string, after: string): Record<string, any> {
  const payload = withRepo(example('push', undefined), { ...facts, number: 0, headSha: after, baseSha: before });
  Object.assign(payload, { ref: 'refs/heads/main', before, after });
  payload.repository.default_branch = 'main';
  payload.repository.master_branch = 'main';
  return payload;
}

/** A commit status, as Flux's notification-controller or Argo CD Notifications write one. */
export function statusPayload(facts: RepoFacts, sha: string, context: string, state: 'success' | 'failure' | 'pending'): Record<string, any> {
  const payload = withRepo(example('status', undefined), { ...facts, number: 0, headSha: sha, baseSha: sha });
  Object.assign(payload, { sha, context, state });
  return payload;
}

export function deploymentStatusPayload(facts: RepoFacts, sha: string, environment: string, state: 'success' | 'failure'): Record<string, any> {
  const payload = withRepo(example('deployment_status', 'created'), { ...facts, number: 0, headSha: sha, baseSha: sha });
  payload.deployment.sha = sha;
  payload.deployment.environment = environment;
  payload.deployment_status.state = state;
  payload.deployment_status.environment = environment;
  return payload;
}
