import type { Probot } from 'probot';
import type { ImageExistence } from '../deploy/exists.js';
import type { HarborClient } from '../deploy/harbor/client.js';
import type { ProtectionSettings } from '../deploy/protect/protect.js';
import { sweepRepository } from '../deploy/sweep.js';
import { SignalReader, durationMs } from '../deploy/signals.js';
import type { Octokit } from '../sources/github-pr.js';
import type { Clock } from './clock.js';
import { repositoryConfig } from './config.js';
import type { DeliveryLog } from './handlers.js';
import type { JobQueue } from './queue.js';

export interface DeploymentDeps {
  queue: JobQueue;
  clock: Clock;
  existence: ImageExistence;
  harbor?: HarborClient;
  /** Retention protection (IMAGEPIN_PROTECT), when not off. */
  protection?: ProtectionSettings;
  deliveries: DeliveryLog;
}

type Repo = { owner: string; repo: string };

/** Sweeps of repositories: at most one running and one waiting per repository (the queue's key). */
export class DeploymentTracker {
  /** A check due when a merge's grace period ends, per repository (one each, the latest push wins). */
  private readonly dueChecks = new Map<string, () => void>();

  constructor(private readonly app: Probot, private readonly deps: DeploymentDeps) {}

  /** Queues a sweep; `readConfig` is the event's own config read, when it already made one. */
  sweep(octokit: Octokit, repo: Repo, id: string, readConfig: () => Promise<unknown> = () => octokit.config.get({ ...repo, path: '.github/imagepin.yml' }).then((r) => r.config)): boolean {
    return this.deps.queue.enqueue(`${repo.owner}/${repo.repo}:deployments`, {
      id,
      run: async () => void (await sweepRepository({ octokit, log: this.app.log, repo, now: this.deps.clock.now(), readConfig, existence: this.deps.existence, harbor: this.deps.harbor, protection: this.deps.protection })),
    });
  }

  /** Every repository of one installation (the scheduled round). */
  async sweepInstallation(installation: number): Promise<void> {
    const octokit = (await this.app.auth(installation)) as unknown as Octokit;
    const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    const round = `round:${this.deps.clock.now()}`;
    for (const r of repos) if (!r.archived) this.sweep(octokit, { owner: r.owner.login, repo: r.name }, round);
  }

  async installations(): Promise<number[]> {
    const octokit = (await this.app.auth()) as unknown as Octokit;
    return (await octokit.paginate(octokit.rest.apps.listInstallations, { per_page: 100 })).map((i) => i.id);
  }

  /** A sweep when the grace period of a push ends, so the alert does not wait for the next round. */
  checkLater(octokit: Octokit, repo: Repo, ms: number): void {
    const key = `${repo.owner}/${repo.repo}`;
    this.dueChecks.get(key)?.();
    if (this.dueChecks.size > 10_000) this.dueChecks.delete(this.dueChecks.keys().next().value!);
    this.dueChecks.set(key, this.deps.clock.after(ms, () => {
      this.dueChecks.delete(key);
      this.sweep(octokit, repo, `due:${this.deps.clock.now()}`);
    }));
  }

  stop(): void {
    for (const cancel of this.dueChecks.values()) cancel();
    this.dueChecks.clear();
  }
}

/** push to the default branch, status and deployment_status: the events that move deployment state. */
export function registerDeploymentHandlers(app: Probot, tracker: DeploymentTracker, deliveries: DeliveryLog): void {
  app.on('push', async (context) => {
    const { ref, repository } = context.payload;
    if (ref !== `refs/heads/${repository.default_branch}` || !deliveries.first(context.id)) return;
    const { config } = await repositoryConfig(() => context.config('imagepin.yml'));
    if (config.deployments.track === 'off' && !config.deployments.checkImages) return;
    // The grace period of this merge ends then; a minute later its sweep finds it overdue.
    tracker.checkLater(context.octokit as unknown as Octokit, context.repo(), durationMs(config.deployments.grace) + 60_000);
  });

  app.on('status', async (context) => {
    const { state, context: name } = context.payload;
    if (state !== 'success' || !deliveries.first(context.id)) return;
    let read: Promise<unknown> | undefined;
    const readConfig = () => (read ??= context.config('imagepin.yml'));
    const { config } = await repositoryConfig(readConfig);
    // CI statuses are not deployments: only contexts the repository named start a sweep.
    if (!new SignalReader(config.deployments).context(name)) return;
    tracker.sweep(context.octokit as unknown as Octokit, context.repo(), context.id, readConfig);
  });

  app.on('deployment_status', async (context) => {
    if (context.payload.deployment_status.state !== 'success' || !deliveries.first(context.id)) return;
    tracker.sweep(context.octokit as unknown as Octokit, context.repo(), context.id);
  });
}
