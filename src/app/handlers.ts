import type { Context, Probot } from 'probot';
import type { Octokit } from '../sources/github-pr.js';
import { closeFollowUp } from './follow-up.js';
import type { JobQueue } from './queue.js';
import type { DeliveryLog } from './state.js';
import { jobFor, submit } from './submit.js';

export interface AppDeps {
  queue: JobQueue;
  /** Delivery ids already seen: GitHub redelivers, and a redelivery must not run twice. */
  deliveries: DeliveryLog;
  /** Analyse draft PRs too (operator setting). */
  analyzeDrafts: boolean;
  /** Open a pin-all PR in each repository the app is installed on (operator setting). */
  onboarding: boolean;
}

const COMMAND = /^\s*\/imagepin\s+(recheck|pin-all|mirror-all)\s*$/;
const WRITERS = new Set(['admin', 'maintain', 'write']);

/** Stores an analysis of a PR (at its current head, looked up by the job); the webhook is answered once it is stored. */
function analyze(context: Context, deps: AppDeps, number: number, force = false): Promise<void> {
  const htmlUrl = (context.payload as { repository: { html_url: string } }).repository.html_url;
  return submit(context, deps.queue, deps.deliveries, [jobFor(context, { kind: 'analyze', number, htmlUrl, force })]);
}

/** The events that start an analysis. */
export function registerHandlers(app: Probot, deps: AppDeps): void {
  app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review'], async (context) => {
    const pr = context.payload.pull_request;
    if (pr.draft && !deps.analyzeDrafts) return;
    await analyze(context, deps, pr.number);
  });

  app.on(['installation.created', 'installation_repositories.added'], async (context) => {
    if (!deps.onboarding) return;
    const payload = context.payload as { repositories?: { full_name: string }[]; repositories_added?: { full_name: string }[] };
    const jobs = (payload.repositories ?? payload.repositories_added ?? []).map(({ full_name }) => {
      const [owner = '', repo = ''] = full_name.split('/');
      return jobFor(context, { kind: 'sweep-default', sweep: 'pin' }, { owner, repo }, `${context.id}:${full_name}`);
    });
    await submit(context, deps.queue, deps.deliveries, jobs);
  });

  app.on('pull_request.closed', async (context) => {
    await closeFollowUp(context.octokit as unknown as Octokit, context.repo(), context.payload.pull_request.number, 'the pull request it fixes was closed.');
  });

  app.on('check_run.rerequested', async (context) => {
    const run = context.payload.check_run;
    const pr = run.pull_requests[0];
    if (run.name !== 'imagepin' || !pr) return;
    await analyze(context, deps, pr.number, true);
  });

  app.on('issue_comment.created', async (context) => {
    const { issue, comment } = context.payload;
    const login = comment.user?.login;
    const command = COMMAND.exec(comment.body)?.[1];
    if (!command || context.isBot || !login || (command === 'recheck' && !issue.pull_request)) return;
    // Only people who can push may ask for work; anyone can read the result.
    const { data } = await context.octokit.rest.repos.getCollaboratorPermissionLevel(context.repo({ username: login }));
    if (!WRITERS.has(data.permission)) {
      context.log.info({ user: login, permission: data.permission, command }, 'command refused: no write access');
      return;
    }
    if (command === 'recheck') return analyze(context, deps, issue.number, true);
    await submit(context, deps.queue, deps.deliveries, [jobFor(context, { kind: 'sweep-default', sweep: command === 'pin-all' ? 'pin' : 'mirror', issue: issue.number })]);
  });
}
