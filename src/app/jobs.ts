/**
 * Jobs as data: what a queue stores (in memory or in Redis) and a worker on any replica runs.
 * Nothing here holds a client or a closure; the worker authenticates again as the installation.
 */

/** Bumped when the shape changes; `readJob` upgrades older versions so a rolling deploy reads old jobs. */
export const JOB_VERSION = 1;

interface Base {
  v: typeof JOB_VERSION;
  installation: number;
  owner: string;
  repo: string;
  /** The delivery that asked for this job (logs, dedupe). */
  delivery: string;
}

export type JobData =
  | (Base & { kind: 'analyze'; number: number; htmlUrl: string; force: boolean })
  | (Base & { kind: 'sweep-default'; sweep: 'pin' | 'mirror'; issue?: number })
  | (Base & { kind: 'deployments' });

export type JobKind = JobData['kind'];

/** The unit jobs are ordered by: one running per key, across every replica. */
export function jobKey(job: JobData): string {
  const repo = `${job.owner}/${job.repo}`;
  if (job.kind === 'analyze') return `${repo}#${job.number}`;
  if (job.kind === 'deployments') return `${repo}:deployments`;
  return `${repo}:${job.sweep === 'pin' ? 'pin-all' : 'mirror-all'}`;
}

/**
 * Log fields every line of a job carries. A PR job is stored without a head (it analyses the PR's
 * head when it runs, since deliveries arrive in any order): its lines add `headFields` once read.
 */
export function jobFields(job: JobData, headSha?: string): Record<string, unknown> {
  return { repository: `${job.owner}/${job.repo}`, delivery: job.delivery, job: job.kind, ...(job.kind === 'analyze' ? { pr: job.number } : {}), ...(headSha ? headFields(headSha) : {}) };
}

/** The head SHA a PR job analyses, as its log lines name it. */
export const headFields = (headSha: string): { sha: string } => ({ sha: headSha });

const KINDS = new Set<string>(['analyze', 'sweep-default', 'deployments']);

/** A stored job, checked: a job of an unknown version or kind is refused with what is wrong, not run half-understood. */
export function readJob(raw: unknown): JobData {
  const job = raw as Partial<JobData> & { v?: unknown };
  if (!job || typeof job !== 'object') throw new Error('stored job is not an object');
  if (job.v !== JOB_VERSION) throw new Error(`stored job has version ${String(job.v)}; this imagepin reads version ${JOB_VERSION} (upgrade every replica, or drain the queue first)`);
  if (!KINDS.has(String(job.kind))) throw new Error(`stored job has unknown kind ${String(job.kind)}`);
  if (typeof job.installation !== 'number' || typeof job.owner !== 'string' || typeof job.repo !== 'string') throw new Error('stored job lacks installation, owner or repo');
  return job as JobData;
}
