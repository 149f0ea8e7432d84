import type { Context } from 'probot';
import { JOB_VERSION, jobKey, type JobData } from './jobs.js';
import type { JobQueue } from './queue.js';
import type { DeliveryLog } from './state.js';

/** Answers the webhook with 503: GitHub records the failed delivery, and it can be redelivered. */
export class StoreUnavailable extends Error {
  readonly status = 503;
}

type JobBody = { kind: 'analyze'; number: number; htmlUrl: string; force: boolean } | { kind: 'sweep-default'; sweep: 'pin' | 'mirror'; issue?: number } | { kind: 'deployments' };

/** The job for this event's repository and installation. */
export function jobFor(context: Context, body: JobBody, repo: { owner: string; repo: string } = context.repo(), delivery: string = context.id): JobData {
  const installation = (context.payload as { installation?: { id: number } }).installation?.id;
  if (installation === undefined) throw new Error('the webhook names no installation, so there is no identity to run the job as');
  return { v: JOB_VERSION, installation, owner: repo.owner, repo: repo.repo, delivery, ...body } as JobData;
}

/**
 * Stores jobs before the webhook is answered. A delivery id already seen is ignored (GitHub
 * redelivers). When the delivery log or the queue cannot be reached the claim on the delivery is
 * dropped again and the webhook fails with 503, so nothing is acknowledged that is not stored.
 */
export async function submit(context: Context, queue: JobQueue, deliveries: DeliveryLog, jobs: JobData[], dedupe = true): Promise<void> {
  if (dedupe && !(await firstDelivery(context, deliveries))) {
    context.log.info({ delivery: context.id }, 'redelivered webhook ignored');
    return;
  }
  try {
    for (const job of jobs) {
      const accepted = await queue.enqueue(job);
      context.log.debug({ key: jobKey(job), delivery: job.delivery, accepted }, accepted ? 'job queued' : 'job already queued');
    }
  } catch (err) {
    // If Redis is gone the forget fails too; the claim then lapses on its own and the redelivery is taken.
    if (dedupe) await deliveries.forget(context.id).catch(() => undefined);
    context.log.error({ err, delivery: context.id }, 'job could not be stored; answering 503');
    throw new StoreUnavailable(`imagepin could not store the job: ${(err as Error).message}`);
  }
  // Stored: acknowledged even if the settle is lost (the claim then lapses; a later redelivery would run again, harmlessly).
  if (dedupe) await deliveries.settle(context.id).catch((err: unknown) => context.log.warn({ err, delivery: context.id }, 'delivery stored but not marked done'));
}

/** A delivery not yet seen, claimed (for handlers that decide after more reads; they settle or forget it); a store failure is a 503. */
export async function firstDelivery(context: Context, deliveries: DeliveryLog): Promise<boolean> {
  try {
    return await deliveries.first(context.id);
  } catch (err) {
    throw new StoreUnavailable(`imagepin could not record the delivery: ${(err as Error).message}`);
  }
}
