import type { Conclusion } from './check-run.js';

/** What a check ends as when imagepin could not finish: `failure` (the default, closed) or `neutral`. */
export type ErrorPolicy = Extract<Conclusion, 'failure' | 'neutral'>;

/**
 * IMAGEPIN_ON_ERROR. The default is closed, as Kubernetes admission webhooks default to
 * `failurePolicy: Fail`: a required check that passes whenever its checker breaks lets through
 * exactly the PRs nobody looked at. An unknown value stops the app at start, naming the fix.
 */
export function errorPolicyFromEnv(env: NodeJS.ProcessEnv): ErrorPolicy {
  const value = env.IMAGEPIN_ON_ERROR ?? 'failure';
  if (value === 'failure' || value === 'neutral') return value;
  throw new Error(`IMAGEPIN_ON_ERROR must be "failure" (the default: a check imagepin could not finish blocks the merge) or "neutral" (it does not); got "${value}"`);
}

interface RequestErrorLike {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
}

/**
 * One line for a person: a GitHub error names the status and the call (without the query or the
 * host), anything else its message. Never the whole response body.
 */
export function describeError(err: unknown): string {
  const e = err as RequestErrorLike;
  const message = String(e?.message ?? err).split('\n')[0]!.replace(/ - https:\/\/docs\.github\.com\S*$/, '').slice(0, 200);
  if (typeof e?.status === 'number' && e.request?.method && e.request.url) {
    const path = new URL(e.request.url, 'https://api.github.invalid').pathname;
    return `GitHub answered ${e.status} to ${e.request.method} ${path} (${message})`;
  }
  return message;
}

/** The check run of an analysis that could not finish: what happened and how to try again. */
export function couldNotFinish(reason: string): { title: string; summary: string } {
  return {
    title: 'imagepin could not finish',
    summary: `imagepin could not finish: ${reason}. This is a bug in imagepin or a GitHub outage that outlasted the retries, not a verdict on this pull request; comment \`/imagepin recheck\` (or re-run the check) to analyse it again.`,
  };
}
