import type { Context, Logger, Probot } from 'probot';
import type { ImageExistence } from '../deploy/exists.js';
import type { HarborClient } from '../deploy/harbor/client.js';
import type { ProtectionSettings } from '../deploy/protect/protect.js';
import { sweepRepository } from '../deploy/sweep.js';
import { SignalReader, durationMs } from '../deploy/signals.js';
import type { Octokit } from '../sources/github-pr.js';
import type { Clock } from './clock.js';
import { repositoryConfig } from './config.js';
import { JOB_VERSION, type JobData } from './jobs.js';
import type { JobQueue } from './queue.js';
import { configReader } from './runner.js';
import type { DeliveryLog } from './state.js';
import { StoreUnavailable, firstDelivery, jobFor, submit } from './submit.js';

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
  constructor(private readonly app: Probot, private readonly deps: DeploymentDeps) {}

  /** Runs one repository's sweep (the queue's worker calls this for a `deployments` job). */
  async run(octokit: Octokit, log: Logger, repo: Repo): Promise<void> {
    await sweepRepository({ octokit, log, repo, now: this.deps.clock.now(), readConfig: configReader(octokit, repo), existence: this.deps.existence, harbor: this.deps.harbor, protection: this.deps.protection });
  }

  /** Every repository of one installation (the scheduled round). */
  async sweepInstallation(installation: number): Promise<void> {
    const octokit = (await this.app.auth(installation)) as unknown as Octokit;
    const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    const delivery = `round:${this.deps.clock.now()}`;
    for (const r of repos) if (!r.archived) await this.deps.queue.enqueue(job(installation, { owner: r.owner.login, repo: r.name }, delivery));
  }

  async installations(): Promise<number[]> {
    const octokit = (await this.app.auth()) as unknown as Octokit;
    return (await octokit.paginate(octokit.rest.apps.listInstallations, { per_page: 100 })).map((i) => i.id);
  }

  /** A sweep when the grace period of a push ends, so the alert does not wait for the next round (stored, so it survives a restart in fleet mode). */
  checkLater(context: Context, ms: number): Promise<void> {
    return this.deps.queue.later(jobFor(context, { kind: 'deployments' }, context.repo(), `due:${this.deps.clock.now()}`), ms);
  }
}

function job(installation: number, repo: Repo, delivery: string): JobData {
  return { v: JOB_VERSION, kind: 'deployments', installation, ...repo, delivery };
}

/** push to the default branch, status and deployment_status: the events that move deployment state. */
export function registerDeploymentHandlers(app: Probot, tracker: DeploymentTracker, queue: JobQueue, deliveries: DeliveryLog): void {
  app.on('push', async (context) => {
    const { ref, repository } = context.payload;
    if (ref !== `refs/heads/${repository.default_branch}` || !(await firstDelivery(context, deliveries))) return;
    try {
      const { config } = await repositoryConfig(() => context.config('imagepin.yml'));
      // The grace period of this merge ends then; a minute later its sweep finds it overdue.
      if (config.deployments.track !== 'off' || config.deployments.checkImages) await tracker.checkLater(context, durationMs(config.deployments.grace) + 60_000);
    } catch (err) {
      // Not stored (or the config could not be read): GitHub's redelivery of this push is taken.
      await deliveries.forget(context.id).catch(() => undefined);
      throw new StoreUnavailable(`imagepin could not store the due sweep: ${(err as Error).message}`);
    }
    await deliveries.settle(context.id).catch((err: unknown) => context.log.warn({ err, delivery: context.id }, 'delivery stored but not marked done'));
  });

  app.on('status', async (context) => {
    const { state, context: name } = context.payload;
    if (state !== 'success') return;
    const { config } = await repositoryConfig(() => context.config('imagepin.yml'));
    // CI statuses are not deployments: only contexts the repository named start a sweep.
    if (!new SignalReader(config.deployments).context(name)) return;
    await submit(context, queue, deliveries, [jobFor(context, { kind: 'deployments' })]);
  });

  app.on('deployment_status', async (context) => {
    if (context.payload.deployment_status.state !== 'success') return;
    await submit(context, queue, deliveries, [jobFor(context, { kind: 'deployments' })]);
  });
}
