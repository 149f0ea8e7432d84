import type { Logger } from 'probot';
import type { Octokit } from '../sources/github-pr.js';
import { completeCheck, type CheckResult, type RepoRef } from './check-run.js';
import type { Clock } from './clock.js';
import { couldNotFinish, type ErrorPolicy } from './failure.js';

interface OpenCheck {
  octokit: Octokit;
  repo: RepoRef;
  id: number;
  startedAt: number;
  /** The result a job computed but could not write: the sweep writes it instead of "could not finish". */
  result?: CheckResult;
}

export interface OpenChecksOptions {
  clock: Clock;
  /** How long a run may stay in progress before it is closed as failed (IMAGEPIN_CHECK_TIMEOUT). */
  timeoutMs: number;
  onError: ErrorPolicy;
  log: Pick<Logger, 'warn' | 'error'>;
}

/**
 * The check runs this app instance started and has not completed yet. A job whose every attempt
 * failed, or that hangs, leaves its run in progress, and a required check in progress blocks the
 * merge with no word why. Runs open longer than the timeout are closed as failed ("could not
 * finish"), or with the result its job computed but could not write, on the next analysis this
 * instance starts and on a periodic sweep; a run that cannot be closed yet (GitHub still down) is
 * kept and tried again. A run found completed meanwhile (a retry on another replica) is left as it is.
 */
export class OpenChecks {
  private readonly runs = new Map<number, OpenCheck>();
  private cancel?: () => void;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: OpenChecksOptions) {}

  /** Records a run that is now in progress (a reused run keeps its first start). */
  add(octokit: Octokit, repo: RepoRef, id: number): void {
    if (!this.runs.has(id)) this.runs.set(id, { octokit, repo, id, startedAt: this.o.clock.now() });
  }

  /** The job computed this result but could not complete the run with it. */
  pending(id: number, result: CheckResult): void {
    const run = this.runs.get(id);
    if (run) run.result = result;
  }

  /** The run was completed. */
  done(id: number): void {
    this.runs.delete(id);
  }

  get size(): number {
    return this.runs.size;
  }

  /** Closes every run open longer than the timeout; resolves to how many were closed. Sweeps run one after another, never two closing the same run. */
  closeStale(): Promise<number> {
    const next = this.tail.then(() => this.sweep());
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async sweep(): Promise<number> {
    const now = this.o.clock.now();
    const minutes = Math.round(this.o.timeoutMs / 60_000);
    const { title, summary } = couldNotFinish(`the analysis did not complete within ${minutes} minute${minutes === 1 ? '' : 's'} (GitHub may have been unavailable, or imagepin restarted mid-analysis)`);
    let closed = 0;
    for (const run of [...this.runs.values()].filter((r) => now - r.startedAt >= this.o.timeoutMs)) {
      try {
        // A retry on another replica (fleet mode) reuses the run and may have completed it: its result is never overwritten.
        const { data } = await run.octokit.rest.checks.get({ ...run.repo, check_run_id: run.id });
        if (data.status === 'completed') {
          this.runs.delete(run.id);
          continue;
        }
        await completeCheck(run.octokit, run.repo, run.id, run.result ?? { conclusion: this.o.onError, title, summary, annotate: [] });
        this.runs.delete(run.id);
        closed++;
        this.o.log.warn({ checkRun: run.id, repository: `${run.repo.owner}/${run.repo.repo}` }, 'check run left in progress closed as failed');
      } catch (err) {
        this.o.log.error({ err, checkRun: run.id }, 'check run left in progress could not be closed yet');
      }
    }
    return closed;
  }

  /** Sweeps every half timeout until stopped. */
  start(): void {
    const tick = (): void => {
      this.cancel = this.o.clock.after(Math.max(1000, this.o.timeoutMs / 2), () => {
        void this.closeStale().finally(() => this.cancel && tick());
      });
    };
    tick();
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
  }
}
