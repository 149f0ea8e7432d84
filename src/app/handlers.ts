import type { Context, Probot } from 'probot';
import type { ChartFetcher } from '../charts/fetch.js';
import type { Resolver } from '../resolver/resolver.js';
import type { Octokit } from '../sources/github-pr.js';
import { analyzePullRequest } from './analyze-pr.js';
import { describeError, type ErrorPolicy } from './failure.js';
import { closeFollowUp } from './follow-up.js';
import type { OpenChecks } from './open-checks.js';
import { sweepDefaultBranch } from './pin-all.js';
import type { JobQueue } from './queue.js';

export interface AppDeps {
  queue: JobQueue;
  charts?: ChartFetcher;
  /** The head SHA each PR was last analysed at (bounded by the app's lifetime; a restart re-analyses once). */
  analysed: Map<string, string>;
  /** Delivery ids already seen: GitHub redelivers, and a redelivery must not run twice. */
  deliveries: DeliveryLog;
  resolver: Resolver;
  /** Analyse draft PRs too (operator setting). */
  analyzeDrafts: boolean;
  /** Open a pin-all PR in each repository the app is installed on (operator setting). */
  onboarding: boolean;
  /** What a check imagepin could not finish ends as (IMAGEPIN_ON_ERROR). */
  onError?: ErrorPolicy;
  /** Check runs in progress, closed as failed after a timeout. */
  openChecks?: OpenChecks;
}


const COMMAND = /^\s*\/imagepin\s+(recheck|pin-all|mirror-all)\s*$/;
const WRITERS = new Set(['admin', 'maintain', 'write']);

/** The last `size` delivery ids, per app instance. */
export class DeliveryLog {
  private readonly seen = new Set<string>();

  constructor(private readonly size = 10_000) {}

  /** True the first time an id is seen. */
  first(id: string): boolean {
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > this.size) this.seen.delete(this.seen.values().next().value!);
    return true;
  }
}

/** Queues an analysis of a PR at its current head; the webhook is answered at once, whatever the analysis costs. */
function enqueue(context: Context, deps: AppDeps, number: number, force = false): void {
  if (!deps.deliveries.first(context.id)) {
    context.log.info({ delivery: context.id }, 'redelivered webhook ignored');
    return;
  }
  const { owner, repo } = context.repo();
  const htmlUrl = (context.payload as { repository: { html_url: string } }).repository.html_url;
  const octokit = context.octokit as unknown as Octokit;
  const accepted = deps.queue.enqueue(`${owner}/${repo}#${number}`, {
    id: context.id,
    run: ({ last }) => analyzePullRequest({
      octokit,
      log: context.log,
      owner,
      repo,
      number,
      htmlUrl,
      readConfig: () => context.config('imagepin.yml'),
      resolver: deps.resolver,
      charts: deps.charts,
      analysed: deps.analysed,
      force,
      onError: deps.onError,
      openChecks: deps.openChecks,
      lastAttempt: last,
    }),
  });
  context.log.debug({ pr: number, accepted }, accepted ? 'analysis queued' : 'analysis already queued');
}

/** The events that start an analysis. */
export function registerHandlers(app: Probot, deps: AppDeps): void {
  app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review'], async (context) => {
    const pr = context.payload.pull_request;
    if (pr.draft && !deps.analyzeDrafts) return;
    enqueue(context, deps, pr.number);
  });

  app.on(['installation.created', 'installation_repositories.added'], async (context) => {
    if (!deps.onboarding) return;
    const payload = context.payload as { repositories?: { full_name: string }[]; repositories_added?: { full_name: string }[] };
    for (const { full_name } of payload.repositories ?? payload.repositories_added ?? []) {
      const [owner = '', repo = ''] = full_name.split('/');
      deps.queue.enqueue(`${full_name}:pin-all`, {
        id: `${context.id}:${full_name}`,
        run: () => sweepDefaultBranch({ octokit: context.octokit as unknown as Octokit, log: context.log, repo: { owner, repo }, kind: 'pin', resolver: deps.resolver, readConfig: () => context.octokit.config.get({ owner, repo, path: '.github/imagepin.yml' }).then((r) => r.config) }),
      });
    }
  });

  app.on('pull_request.closed', async (context) => {
    await closeFollowUp(context.octokit as unknown as Octokit, context.repo(), context.payload.pull_request.number, 'the pull request it fixes was closed.');
  });

  app.on('check_run.rerequested', async (context) => {
    const run = context.payload.check_run;
    const pr = run.pull_requests[0];
    if (run.name !== 'imagepin' || !pr) return;
    enqueue(context, deps, pr.number, true);
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
    if (command === 'recheck') return enqueue(context, deps, issue.number, true);
    if (!deps.deliveries.first(context.id)) return;
    const kind = command === 'pin-all' ? 'pin' : 'mirror';
    const { owner, repo } = context.repo();
    deps.queue.enqueue(`${owner}/${repo}:${command}`, {
      id: context.id,
      run: async ({ last }) => {
        const octokit = context.octokit as unknown as Octokit;
        try {
          await sweepDefaultBranch({ octokit, log: context.log, repo: { owner, repo }, issue: issue.number, kind, resolver: deps.resolver, readConfig: () => context.config('imagepin.yml') });
        } catch (err) {
          // Whoever asked hears back, rather than waiting for a PR that will not come.
          if (last) await octokit.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: `imagepin could not finish \`/imagepin ${command}\`: ${describeError(err)}. Ask again when GitHub or the registry is back.` }).catch(() => undefined);
          throw err;
        }
      },
    });
  });
}
